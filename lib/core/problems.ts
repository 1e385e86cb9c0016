import type { IConstruct } from 'constructs';
import { Annotations } from '../private/cdktf';
import { CheckLevel } from './levels';
import { show, ValidationError, type ValidationProblem } from './validation';

/**
 * Collects the problems of one construct, then throws them all at once and writes warnings as annotations.
 * @internal
 */
export class Problems {
  private readonly errors: ValidationProblem[] = [];
  private readonly warnings: ValidationProblem[] = [];
  private readonly infos: ValidationProblem[] = [];

  constructor(
    private readonly scope: IConstruct,
    private readonly kind: string,
  ) {}

  /** A problem already described (value shown as given). */
  push(problem: ValidationProblem): void {
    if (problem.level === CheckLevel.ERROR) this.errors.push(problem);
    else if (problem.level === CheckLevel.INFO) this.infos.push(problem);
    else this.warnings.push(problem);
  }

  /** A problem of `prop`, whose value is shown the way the user wrote it. */
  add(level: CheckLevel, prop: string, value: unknown, rule: string, fix: string, ruleId?: string): void {
    this.push({ level, prop, value: show(value), rule, fix, ruleId });
  }

  /** Something the platform would reject, or that cannot work. */
  error(prop: string, value: unknown, rule: string, fix: string): void {
    this.add(CheckLevel.ERROR, prop, value, rule, fix);
  }

  get errorCount(): number {
    return this.errors.length;
  }

  /**
   * Throws a {@link ValidationError} listing every error (and the warnings); otherwise writes each warning, and each
   * information (what an import left as written where the library would choose otherwise), as an annotation.
   */
  report(): void {
    if (this.errors.length > 0) throw new ValidationError(this.scope.node.path, this.kind, this.errors, this.warnings);
    const text = (p: ValidationProblem) =>
      `${p.prop} = ${p.value}: ${p.rule}${p.ruleId ? ` [${p.ruleId}]` : ''}. ${p.fix}`;
    for (const w of this.warnings) Annotations.of(this.scope).addWarning(text(w));
    for (const i of this.infos) Annotations.of(this.scope).addInfo(text(i));
  }
}
