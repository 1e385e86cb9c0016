import { array, object, type Shape, shapeProblemsAt, string } from '../core/props';
import type { Problems } from '../core/problems';
import { isUnresolved } from '../private/cdktf';

/** Options of a Django management command. */
export interface DjangoManageOptions {
  /**
   * Arguments of the command, after its name.
   * @default - none
   */
  readonly args?: string[];
  /**
   * The settings module (`--settings`), e.g. `mysite.settings.production`.
   * @default - DJANGO_SETTINGS_MODULE from the environment, as manage.py reads it
   */
  readonly settings?: string;
  /**
   * The path of manage.py in the image's working directory.
   * @default 'manage.py'
   */
  readonly managePy?: string;
}

const OPTIONS: Shape<DjangoManageOptions> = object<DjangoManageOptions>({
  args: array(string).optional(),
  settings: string.optional(),
  managePy: string.optional(),
});

/** A Django command name: a Python module name. */
const COMMAND = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A settings module: a dotted Python path. */
const MODULE = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/;

/**
 * Python task profiles for Cloud Run jobs: a Django management command run to completion, rendered as
 * `python manage.py COMMAND …`.
 *
 * @example Django.manage('clearsessions') // python manage.py clearsessions
 */
export class Django {
  /** `python manage.py COMMAND ARGS… [--settings MODULE]`. */
  public static manage(command: string, options: DjangoManageOptions = {}): Django {
    return new Django(command, options ?? {});
  }

  /** The management command. */
  public readonly command: string;
  /** The options as given. */
  public readonly options: DjangoManageOptions;

  private constructor(command: string, options: DjangoManageOptions) {
    this.command = command;
    this.options = options;
  }

  /**
   * Validates the command and its options (reporting problems under `prop`, e.g. `task`) and returns its argv.
   * @internal
   */
  public _resolve(problems: Problems, prop: string): string[] {
    for (const p of shapeProblemsAt(OPTIONS, this.options, `${prop}.options`)) problems.push(p);
    const { args = [], settings, managePy = 'manage.py' } = this.options;
    if (typeof this.command !== 'string' || (!isUnresolved(this.command) && !COMMAND.test(this.command))) {
      problems.error(
        `${prop}.command`,
        this.command,
        'a Django management command is named like a Python module',
        "write its name, e.g. 'clearsessions'",
      );
    }
    if (typeof settings === 'string' && !isUnresolved(settings) && !MODULE.test(settings)) {
      problems.error(
        `${prop}.settings`,
        settings,
        'the settings module is a dotted Python path',
        "write it like 'mysite.settings.production'",
      );
    }
    const argv = ['python', managePy, this.command, ...(Array.isArray(args) ? args : [])];
    // Words of the wrong type are reported above; the argv stays a list of strings for the rules that read it.
    return (typeof settings === 'string' ? [...argv, '--settings', settings] : argv).map(String);
  }

  /** How a message names the profile. */
  public toString(): string {
    return `Django.manage('${this.command}')`;
  }
}
