import type { IConstruct } from 'constructs';
import { Annotations } from '../private/cdktf';
import { CheckLevel } from './levels';
import { recordFinding } from './suppressions';
import { show, ValidationError, type ValidationProblem } from './validation';

/**
 * Collects the problems of one construct, then throws them all at once, or records its warnings and infos.
 * @internal
 */
export class Problems {
  private readonly errors: ValidationProblem[] = [];
  /** Warnings and infos, in the order found. */
  private readonly notes: ValidationProblem[] = [];
  /** Problems of rules no suppression can silence. */
  private readonly unsuppressible = new Set<ValidationProblem>();

  constructor(
    private readonly scope: IConstruct,
    private readonly kind: string,
  ) {}

  /** A problem already described (value shown as given). */
  push(problem: ValidationProblem): void {
    if (problem.level === CheckLevel.ERROR) this.errors.push(problem);
    else this.notes.push(problem);
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
   * Throws a {@link ValidationError} listing every error (and the warnings). Otherwise each warning or info a rule
   * found (infos: what an import left as written where the library would choose otherwise) is recorded as a finding of
   * the construct (reported at synth, once, unless a suppression covers it; see core/suppressions), and any other is
   * written as an annotation.
   */
  report(): void {
    if (this.errors.length > 0) {
      const warnings = this.notes.filter((p) => p.level === CheckLevel.WARNING);
      throw new ValidationError(this.scope.node.path, this.kind, this.errors, warnings);
    }
    for (const p of this.notes) {
      const problem = `${p.prop} = ${p.value}: ${p.rule}`;
      if (p.ruleId !== undefined) {
        const suppressible = !this.unsuppressible.has(p);
        recordFinding(this.scope, { ruleId: p.ruleId, level: p.level, problem, fix: p.fix, suppressible });
      } else if (p.level === CheckLevel.INFO) Annotations.of(this.scope).addInfo(`${problem}. ${p.fix}`);
      else Annotations.of(this.scope).addWarning(`${problem}. ${p.fix}`);
    }
    this.notes.length = 0;
  }
}
