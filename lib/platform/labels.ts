/**
 * Google Cloud labels, the same on every resource that carries them: keys of 1 to 63 lowercase letters, digits,
 * underscores or hyphens starting with a letter, values of at most 63 of the same characters. Source: "Labels
 * overview", requirements for labels (https://cloud.google.com/resource-manager/docs/labels-overview#requirements).
 */

const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/** What is wrong with one label, if anything. */
export interface LabelProblem {
  readonly key: string;
  /** True when the key is at fault, false when the value is. */
  readonly inKey: boolean;
  readonly message: string;
  readonly fix: string;
}

/** Every problem of a set of labels; undefined (nothing allocated) when there is none. */
export function labelProblems(labels: Readonly<Record<string, string>>): LabelProblem[] | undefined {
  let problems: LabelProblem[] | undefined;
  for (const key of Object.keys(labels)) {
    if (!LABEL_KEY.test(key)) {
      (problems ??= []).push({
        key,
        inKey: true,
        message: `label key '${key}' is not 1 to 63 lowercase letters, digits, underscores or hyphens starting with a letter`,
        fix: 'rename the key',
      });
    }
    if (!LABEL_VALUE.test(labels[key])) {
      (problems ??= []).push({
        key,
        inKey: false,
        message: `the value of label '${key}' is not at most 63 lowercase letters, digits, underscores or hyphens`,
        fix: 'change the value',
      });
    }
  }
  return problems;
}
