/** The cost model: what each Cloud Run resource and App Engine version costs, from the facts the rules read. */
export * from './model';
export { cloudRunCost } from './cloud-run';
export { appEngineCost } from './app-engine';
export { stackCost, type StackCost, type PricedResource } from './stack';
