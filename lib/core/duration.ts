/**
 * Durations in the two spellings this library meets: the Google APIs' seconds strings (`"300s"`, `"0.030s"`) and
 * app.yaml's (`30ms`, `10m`, `1.5s`, `1h`).
 * @internal
 */

/** Seconds as the Google API writes them: 300 → `"300s"`, 0.03 → `"0.030s"`. */
export function toApiDuration(seconds: number): string {
  if (Number.isInteger(seconds)) return `${seconds}s`;
  return `${apiSeconds(seconds)
    .toFixed(9)
    .replace(/0{1,6}$/, '')}s`;
}

/**
 * The seconds the API receives for `seconds`: a protobuf Duration has nanosecond precision, so what `toApiDuration`
 * writes is rounded to 9 decimals (1e-14 s is written "0.000s"). Constructs judge this value, what they write.
 */
export function apiSeconds(seconds: number): number {
  return Number.isInteger(seconds) || !Number.isFinite(seconds) ? seconds : Number(seconds.toFixed(9));
}

/** Parses an API seconds string (`"300s"`, `"3.5s"`) into seconds; `undefined` when it is not one. */
export function parseApiDuration(text: string): number | undefined {
  const match = /^([0-9]+(?:\.[0-9]{1,9})?)s$/.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

const APP_YAML_UNITS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Parses an app.yaml duration (`30ms`, `1.5s`, `10m`, `2h`, `1d`, or a bare number of seconds) into seconds;
 * `undefined` when it is not one.
 */
export function parseAppYamlDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : undefined;
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) return undefined;
  return Number((Number(match[1]) * APP_YAML_UNITS[match[2] ?? 's']).toFixed(9));
}
