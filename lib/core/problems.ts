import type { IConstruct } from 'constructs';
import { Annotations } from '../private/cdktf';
import { CheckLevel } from './levels';
import { recordFinding } from './suppressions';
import { show, ValidationError, type ValidationProblem } from './validation';

/**
 * Collects the problems of one construct, then throws them all at once and writes warnings as annotations.
 * @internal
 */
export class Problems {
  private readonly errors: ValidationProblem[] = [];
  private readonly warnings: ValidationProblem[] = [];
  /** Warnings of rules no suppression can silence. */
  private readonly unsuppressible = new Set<ValidationProblem>();

  constructor(
    private readonly scope: IConstruct,
    private readonly kind: string,
  ) {}

  /** A problem already described (value shown as given). */
  push(problem: ValidationProblem): void {
    if (problem.level === CheckLevel.ERROR) this.errors.push(problem);
    else this.warnings.push(problem);
  }

  /** A problem of `prop`, whose value is shown the way the user wrote it; `suppressible` is the rule's. */
  add(
    level: CheckLevel,
    prop: string,
    value: unknown,
    rule: string,
    fix: string,
    ruleId?: string,
    suppressible = true,
  ): void {
    const problem: ValidationProblem = { level, prop, value: show(value), rule, fix, ruleId };
    if (!suppressible) this.unsuppressible.add(problem);
    this.push(problem);
  }

  /** Something the platform would reject, or that cannot work. */
  error(prop: string, value: unknown, rule: string, fix: string): void {
    this.add(CheckLevel.ERROR, prop, value, rule, fix);
  }

  get errorCount(): number {
    return this.errors.length;
  }

  /**
   * Throws a {@link ValidationError} listing every error (and the warnings). Otherwise each warning a rule found is
   * recorded as a finding of the construct (reported at synth, once, unless a suppression covers it; see
   * core/suppressions), and any other warning is written as an annotation.
   */
  report(): void {
    if (this.errors.length > 0) throw new ValidationError(this.scope.node.path, this.kind, this.errors, this.warnings);
    for (const w of this.warnings) {
      const problem = `${w.prop} = ${w.value}: ${w.rule}`;
      if (w.ruleId === undefined) Annotations.of(this.scope).addWarning(`${problem}. ${w.fix}`);
      else {
        const suppressible = !this.unsuppressible.has(w);
        recordFinding(this.scope, { ruleId: w.ruleId, level: w.level, problem, fix: w.fix, suppressible });
      }
    }
    this.warnings.length = 0;
  }
}
