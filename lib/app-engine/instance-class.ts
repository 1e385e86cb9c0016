/**
 * App Engine standard instance classes (second-generation runtimes). F classes run with automatic scaling, B classes
 * with basic or manual scaling. Memory, CPU and the recommended gunicorn workers of each class are in the platform
 * table (`lib/platform/app-engine.ts`).
 */
export enum InstanceClass {
  /** 384 MB, 600 MHz, automatic scaling. The default with automatic scaling. */
  F1 = 'F1',
  /** 768 MB, 1.2 GHz, automatic scaling. */
  F2 = 'F2',
  /** 1536 MB, 2.4 GHz, automatic scaling. */
  F4 = 'F4',
  /** 3072 MB, 2.4 GHz, automatic scaling. */
  F4_1G = 'F4_1G',
  /** 384 MB, 600 MHz, basic or manual scaling. */
  B1 = 'B1',
  /** 768 MB, 1.2 GHz, basic or manual scaling. The default with basic or manual scaling. */
  B2 = 'B2',
  /** 1536 MB, 2.4 GHz, basic or manual scaling. */
  B4 = 'B4',
  /** 3072 MB, 2.4 GHz, basic or manual scaling. */
  B4_1G = 'B4_1G',
  /** 3072 MB, 4.8 GHz, basic or manual scaling. */
  B8 = 'B8',
}
