/**
 * What `fromAppYaml` tells the constructor beyond the props, carried on the props object itself (a non-enumerable,
 * symbol-keyed property), so nothing is kept in module state and the app.yaml reader need not know the construct.
 * @internal
 */
import type { ValidationProblem } from '../core/validation';

/** What reading the app.yaml found. */
export interface ImportContext {
  /** Problems found while reading the file. */
  readonly problems: readonly ValidationProblem[];
  /** app.yaml key names for props, so messages name the key the user wrote. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Props whose app.yaml value was wrong or misspelt and so set aside: already reported, their value is not known, and
   * rules that read them are skipped (like unresolved tokens) instead of judging a default the user did not choose.
   */
  readonly unknownProps: readonly string[];
  /**
   * True when the version must mean what the file says: nothing derived where the file is silent (no
   * max_concurrent_requests, warmup, gunicorn entrypoint or handler it did not write), each such choice reported as
   * a recommendation instead. False when `applyRecommendations` opts into the library's choices.
   */
  readonly faithful: boolean;
}

const CONTEXT = Symbol('cdktf-gcp-serverless/app-yaml-import');

/** `props` carrying `context`. */
export function withImportContext<P extends object>(props: P, context: ImportContext): P {
  Object.defineProperty(props, CONTEXT, { value: context, enumerable: false });
  return props;
}

/** The import context `props` carries, if they were read from an app.yaml. */
export function importContextOf(props: unknown): ImportContext | undefined {
  if (props === null || typeof props !== 'object') return undefined;
  return (props as { [CONTEXT]?: ImportContext })[CONTEXT];
}
