/**
 * Modules loaded on first use. `require('zod')` costs about 40 ms and 50 MB and `require('yaml')` about 20 ms; a user
 * who only runs the policy checks, or never imports an app.yaml, should not pay for them when loading the library.
 * @internal
 */
import type * as Yaml from 'yaml';
import type { z as Zod } from 'zod';

let zodModule: typeof Zod | undefined;
let yamlModule: typeof Yaml | undefined;

/** The zod namespace (`z`), loaded on first call. */
export function zod(): typeof Zod {
  zodModule ??= (require('zod') as { z: typeof Zod }).z;
  return zodModule;
}

/** The `yaml` package, loaded on first call. */
export function yaml(): typeof Yaml {
  yamlModule ??= require('yaml') as typeof Yaml;
  return yamlModule;
}

/** A value built on first call and kept (for schemas, which need zod). */
export function memo<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}
