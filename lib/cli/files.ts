/**
 * How the command line reads a file it is given or finds: only regular files (a FIFO or a device, even behind a
 * symlink, is refused without being read, so nothing hangs or fills memory), at most `MAX_INPUT_BYTES`, and every
 * error as one line.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/** Input the command line cannot read: reported on one line, exit code 2. */
export class UsageError extends Error {}

/**
 * An argument the command does not take (a missing or unknown command, a missing path, an unknown option value):
 * reported on one line followed by the usage line, exit code 2, as an unknown option is.
 */
export class ArgumentError extends UsageError {}

/** True for an error of `node:util` parseArgs (an unknown option, a missing option value). */
export function isParseArgsError(e: unknown): e is Error {
  const code = (e as { code?: unknown } | undefined)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** `a`, `a or b`, `a, b or c`. */
const orList = (words: readonly string[]): string =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;

/**
 * `value` when it is one of `accepted`, else an {@link ArgumentError} that lists them:
 * `unknown --format 'xml' (use text, json or sarif)`.
 */
export function acceptedValue<T extends string>(what: string, value: string, accepted: readonly T[]): T {
  if ((accepted as readonly string[]).includes(value)) return value as T;
  throw new ArgumentError(`unknown ${what} '${value}' (use ${orList(accepted)})`);
}

/** The largest file read: a Terraform configuration or plan is far smaller; anything larger is refused, not read. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** What a file-system error code means, in words. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links (a loop)',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
};

/** A file-system error as the reason the command line gives: `permission denied (EACCES)`. */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return REASONS[code] ? `${REASONS[code]} (${code})` : code;
  return e instanceof Error ? e.message : String(e);
}

/** True for an error of the file system (it has an errno code and the call that failed). */
export function isFileSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && 'syscall' in e;
}

/**
 * The text of a regular file of at most `MAX_INPUT_BYTES`, without a leading byte order mark. The file is opened
 * without blocking (a FIFO would otherwise wait for a writer) and checked before it is read.
 */
export function readInputText(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${reasonOf(e)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const what = stat.isFIFO()
        ? 'a named pipe'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? 'a device'
          : stat.isSocket()
            ? 'a socket'
            : 'not a regular file';
      throw new UsageError(`cannot read ${file}: ${what}; give a regular file`);
    }
    if (stat.size > MAX_INPUT_BYTES) {
      throw new UsageError(
        `cannot read ${file}: ${Math.ceil(stat.size / (1024 * 1024))} MB is above the 256 MB this command reads; is it a Terraform configuration?`,
      );
    }
    const text = readFileSync(fd, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${reasonOf(e)}`);
  } finally {
    closeSync(fd);
  }
}
