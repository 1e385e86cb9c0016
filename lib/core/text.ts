/**
 * Text helpers: "did you mean" suggestions, names derived from anything, Terraform literals.
 * @internal
 */

/** Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The candidate closest to `word` (the first on ties), if within `maxDistance` edits. */
export function closest(
  word: string,
  candidates: readonly string[],
  maxDistance = Number.POSITIVE_INFINITY,
): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference of the lengths: most candidates are skipped without computing it.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A copy of `value` whose strings (not keys) are Terraform literals: `${` becomes `$${` and `%{` becomes `%%{`, so
 * Terraform does not read them as template sequences.
 */
export function escapeTemplates(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
  if (Array.isArray(value)) return value.map(escapeTemplates);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeTemplates(v)]));
  }
  return value;
}

/** How {@link slugify} shapes a name. */
export interface SlugOptions {
  /** The longest name; trailing hyphens are removed after the cut. */
  readonly maxLength: number;
  /** What the name must start with: a letter (leading digits and hyphens are dropped) or a letter or digit. */
  readonly start: 'letter' | 'alphanumeric';
  /** The name when nothing usable is left. */
  readonly fallback: string;
}

/**
 * A name of lowercase letters, digits and single hyphens derived from any string (a construct id, a misspelt id):
 * `My_API service` → `my-api-service`. Used for the names Google Cloud resources accept.
 */
export function slugify(raw: string, options: SlugOptions): string {
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(options.start === 'letter' ? /^[^a-z]+/ : /^-+/, '')
    .slice(0, options.maxLength)
    .replace(/-+$/, '');
  return name || options.fallback;
}

/** `1 warning`, `2 warnings`, `0 errors`; `many` for words whose plural is not `word + 's'` (`info`). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
