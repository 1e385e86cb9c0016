/**
 * gunicorn's command-line options, written once, and how gunicorn reads a command line with them: the one reader of
 * gunicorn flags, for the checker's command parser and the construct's `extraArgs` checks alike.
 *
 * Source: benoitc/gunicorn `gunicorn/config.py` (26.2.0): `Config.parser` builds an `argparse.ArgumentParser` with the
 * default `allow_abbrev=True`, and each setting with a `cli` adds its option strings with its `action` and `nargs`
 * (`store`/`append`: one value; `store_true`/`store_const`: none; `proxy_protocol`: `nargs="?"`). The list below is
 * that parser's, in its order. It holds every option of the releases 21.2 to 26.2 (those releases only added options,
 * and `--proxy-protocol` was a flag before 26), so a prefix it finds unique is unique for each of them too; a prefix
 * that an older release took (`--con` before `--control-socket` existed) and a newer one refuses is not read.
 *
 * How argparse reads the words (Python docs, "argparse", https://docs.python.org/3/library/argparse.html: "Argument
 * abbreviations (prefix matching)", "allow_abbrev", "Option value syntax"): `--opt=value`, `--opt value`, `-w4`,
 * `-w 4`, `-w=4`; a long option may be "abbreviated to a prefix, if the abbreviation is unambiguous" (an exact name
 * wins over the longer names it begins); a prefix of several options is an error ("ambiguous option: --worker could
 * match --workers, --worker-class, ..."), and gunicorn exits; short flags combine (`-Dw4`: `-D -w 4`).
 */

/** How many values an option takes. */
export type GunicornArity = 'value' | 'flag' | 'optional';

/** One gunicorn command-line option. */
export interface GunicornOption {
  /** Its first long spelling, which names it here: `--workers`. */
  readonly name: string;
  /** Every spelling gunicorn accepts in full: `-w`, `--workers`. */
  readonly spellings: readonly string[];
  readonly takes: GunicornArity;
}

/** Options that take one value (argparse `store` or `append`), each with its short spelling first when it has one. */
const VALUE_OPTIONS = [
  '-c --config',
  '-b --bind',
  '--backlog',
  '-w --workers',
  '-k --worker-class',
  '--threads',
  '--worker-connections',
  '--max-requests',
  '--max-requests-jitter',
  '-t --timeout',
  '--graceful-timeout',
  '--keep-alive',
  '--limit-request-line',
  '--limit-request-fields',
  '--limit-request-field_size',
  '--reload-engine',
  '--reload-extra-file',
  '--chdir',
  '-e --env',
  '-p --pid',
  '--worker-tmp-dir',
  '-u --user',
  '-g --group',
  '-m --umask',
  '--forwarded-allow-ips',
  '--access-logfile',
  '--access-logformat',
  '--error-logfile --log-file',
  '--log-level',
  '--logger-class',
  '--log-config',
  '--log-config-json',
  '--log-syslog-to',
  '--log-syslog-prefix',
  '--log-syslog-facility',
  '--statsd-host',
  '--dogstatsd-tags',
  '--statsd-prefix',
  '-n --name',
  '--pythonpath',
  '--paste --paster',
  '--proxy-allow-from',
  '--protocol',
  '--uwsgi-allow-from',
  '--keyfile',
  '--certfile',
  '--ssl-version',
  '--cert-reqs',
  '--ca-certs',
  '--ciphers',
  '--http-protocols',
  '--http2-cleartext',
  '--http2-max-concurrent-streams',
  '--http2-initial-window-size',
  '--http2-max-frame-size',
  '--http2-max-header-list-size',
  '--paste-global',
  '--forwarder-headers',
  '--header-map',
  '--asgi-loop',
  '--asgi-lifespan',
  '--asgi-disconnect-grace-period',
  '--http-parser',
  '--root-path',
  '--dirty-app',
  '--dirty-workers',
  '--dirty-timeout',
  '--dirty-threads',
  '--dirty-graceful-timeout',
  '--control-socket',
  '--control-socket-mode',
];

/** Options that take no value (argparse `store_true`, `store_const`, `help`, `version`). */
const FLAG_OPTIONS = [
  '-h --help',
  '-v --version',
  '--reload',
  '--spew',
  '--check-config',
  '--print-config',
  '--preload',
  '--no-sendfile',
  '--reuse-port',
  '-D --daemon',
  '--initgroups',
  '--disable-redirect-access-to-syslog',
  '--capture-output',
  '--log-syslog',
  '-R --enable-stdio-inheritance',
  '--enable-backlog-metric',
  '--suppress-ragged-eofs',
  '--do-handshake-on-connect',
  '--permit-obsolete-folding',
  '--strip-header-spaces',
  '--permit-unconventional-http-method',
  '--permit-unconventional-http-version',
  '--casefold-http-method',
  '--no-control-socket',
];

/**
 * `--proxy-protocol [MODE]` (26.0 and later; a flag before): it takes the next word only when that is one of the modes
 * its validator accepts (`validate_proxy_protocol`), so an app after it stays the app as older releases read it.
 */
const OPTIONAL_VALUE_OPTIONS = ['--proxy-protocol'];
const PROXY_PROTOCOL_MODES = new Set(['off', 'false', '0', 'none', 'true', 'auto', '1', 'v1', 'v2']);

/** Every gunicorn option by each of its full spellings. */
const OPTIONS: ReadonlyMap<string, GunicornOption> = new Map(
  (
    [
      [VALUE_OPTIONS, 'value'],
      [FLAG_OPTIONS, 'flag'],
      [OPTIONAL_VALUE_OPTIONS, 'optional'],
    ] as const
  ).flatMap(([list, takes]) =>
    list.flatMap((line) => {
      const spellings = line.split(' ');
      const option: GunicornOption = { name: spellings.find((s) => s.startsWith('--'))!, spellings, takes };
      return spellings.map((s) => [s, option] as const);
    }),
  ),
);

/**
 * What one argument (or part of one: `-Dw4` is two) says, at the index of the word it starts at.
 * - `option`: a gunicorn option, with its value (undefined when it takes one and none follows).
 * - `ambiguous`: a prefix of several long options; gunicorn exits ("ambiguous option").
 * - `unknown`: begins like an option but is none of gunicorn's, or gives a flag a value; gunicorn exits.
 * - `positional`: a word that is no option (the app, or a stray word).
 */
export type GunicornArg =
  | {
      readonly kind: 'option';
      readonly index: number;
      readonly option: GunicornOption;
      readonly value?: string;
      /** The index of the word that is the value, when it is not written in the option's own word. */
      readonly valueIndex?: number;
    }
  | { readonly kind: 'ambiguous'; readonly index: number; readonly candidates: readonly string[] }
  | { readonly kind: 'unknown' | 'positional'; readonly index: number };

/** How argparse classes one word (`_parse_optional`): an option, with the value written in the word, or a value. */
type Word =
  | { readonly kind: 'option'; readonly option: GunicornOption; readonly inline?: string; readonly sep: boolean }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  | { readonly kind: 'unknown' | 'positional' };

/**
 * What one word is to argparse, in its order: a word not starting with `-`, or `-` alone, is a value; then an exact
 * spelling, an exact spelling before `=` (`--workers=4`, `-w=4`), the long options the word (before `=`) begins, or a
 * short option with the rest of the word as its value (`-w4`, even `-w 4` in one word); a negative number or a word with
 * a blank that matched nothing is a value; anything else is an option gunicorn does not know.
 */
function classify(word: string): Word {
  if (!word.startsWith('-') || word.length === 1) return { kind: 'positional' };
  const exact = OPTIONS.get(word);
  if (exact) return { kind: 'option', option: exact, sep: false };
  const eq = word.indexOf('=');
  const before = eq < 0 ? word : word.slice(0, eq);
  const inline = eq < 0 ? undefined : word.slice(eq + 1);
  const beforeEq = eq < 0 ? undefined : OPTIONS.get(before);
  if (beforeEq) return { kind: 'option', option: beforeEq, inline, sep: true };
  if (word.startsWith('--')) {
    const candidates = [...OPTIONS.keys()].filter((s) => s.startsWith('--') && s.startsWith(before));
    if (candidates.length > 1) return { kind: 'ambiguous', candidates };
    if (candidates.length === 1) return { kind: 'option', option: OPTIONS.get(candidates[0])!, inline, sep: eq >= 0 };
  } else {
    const short = OPTIONS.get(word.slice(0, 2));
    if (short) return { kind: 'option', option: short, inline: word.slice(2), sep: false };
  }
  if (/^-([0-9]+|[0-9]*\.[0-9]+)$/.test(word) || word.includes(' ')) return { kind: 'positional' };
  return { kind: 'unknown' };
}

/**
 * Reads gunicorn's arguments as gunicorn's argparse parser does: each option with its value, in any spelling it accepts
 * (`--opt=value`, `--opt value`, `-w4`, `-w 4`, `-w=4`, a unique prefix such as `--worker-cl`, combined short flags),
 * flags without one (`--preload main:app` leaves the app alone); ambiguous prefixes and unknown options are reported as
 * such, never guessed. An option that takes a value takes the next word only when that word is a value, not an option.
 * Words after `--` are positional.
 */
export function readGunicornArgs(words: readonly string[]): GunicornArg[] {
  const args: GunicornArg[] = [];
  const isValue = (word: string | undefined) =>
    word !== undefined && word !== '--' && classify(word).kind === 'positional';
  for (let i = 0; i < words.length; i++) {
    const index = i;
    if (words[i] === '--') {
      while (++i < words.length) args.push({ kind: 'positional', index: i });
      break;
    }
    let word = classify(words[i]);
    // A short flag with more letters after it is combined with the next short option: `-Dw4` is `-D -w4`.
    while (word.kind === 'option' && word.option.takes === 'flag' && word.inline && !word.sep) {
      args.push({ kind: 'option', index, option: word.option });
      const next = OPTIONS.get(`-${word.inline[0]}`);
      const rest = word.inline.slice(1);
      word = next ? { kind: 'option', option: next, inline: rest || undefined, sep: false } : { kind: 'unknown' };
    }
    if (word.kind !== 'option') {
      args.push(
        word.kind === 'ambiguous'
          ? { kind: 'ambiguous', index, candidates: word.candidates }
          : { kind: word.kind, index },
      );
    } else if (word.option.takes === 'flag') {
      // A flag given a value (`--preload=yes`) is refused by argparse ("ignored explicit argument").
      args.push(
        word.inline === undefined ? { kind: 'option', index, option: word.option } : { kind: 'unknown', index },
      );
    } else if (word.inline !== undefined) {
      args.push({ kind: 'option', index, option: word.option, value: word.inline });
    } else if (
      isValue(words[i + 1]) &&
      (word.option.takes === 'value' || PROXY_PROTOCOL_MODES.has(words[i + 1].trim().toLowerCase()))
    ) {
      args.push({ kind: 'option', index, option: word.option, value: words[i + 1], valueIndex: ++i });
    } else {
      args.push({ kind: 'option', index, option: word.option });
    }
  }
  return args;
}
