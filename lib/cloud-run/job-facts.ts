/**
 * The settings of a job as the platform rules see them, and each fact traced back to its prop.
 * @internal
 */
import { Derived } from '../core/validation';
import type { CloudRunFacts } from '../platform/cloud-run/facts';
import type { PropOfFact } from '../platform/judge';
import type { FactPath, FactSet } from '../platform/rule';
import type { JobSettings } from './job-settings';
import { workloadFacts, workloadProp } from './workload';

/** The facts of a job (its execution environment is the platform's: gen2, not written). */
export function jobFacts(s: JobSettings): FactSet<CloudRunFacts> {
  const facts: CloudRunFacts = {
    ...workloadFacts(s),
    job: {
      taskCount: s.taskCount,
      parallelism: s.parallelism,
      maxRetries: s.maxRetries,
      timeoutSeconds: s.taskTimeout,
    },
  };
  return { facts, unknown: s.unknown };
}

/** The prop of each job fact. */
const JOB_PROPS = {
  taskCount: 'taskCount',
  parallelism: 'parallelism',
  maxRetries: 'maxRetries',
  timeoutSeconds: 'taskTimeout',
} as const;

/** The prop a fact of `s` comes from, and the value to show (as given, or the default, marked so). */
export function jobProp(s: JobSettings, fact: FactPath<CloudRunFacts>): PropOfFact {
  const shared = workloadProp(s, fact);
  if (shared) return shared;
  const [, item] = fact.split('.') as [string, keyof typeof JOB_PROPS | undefined];
  const prop = item === undefined ? 'taskCount' : JOB_PROPS[item];
  const given = s.job[prop];
  return { prop, value: given ?? new Derived(`${s[prop] ?? 'undefined'} (the default)`) };
}
