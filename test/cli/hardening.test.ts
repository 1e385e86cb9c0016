/**
 * The command line on input that is not a plain file, too large, or full of control characters: one line on stderr,
 * exit code 2, no hang, nothing echoed raw.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MAX_INPUT_BYTES, reasonOf } from '../../lib/cli/files';
import { run } from '../../lib/cli/main';
import { mutated, tf, v2Service } from '../checks/fixtures';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Exit code 2 and exactly one line on stderr, free of control characters but its final newline. */
function oneLine(r: { code: number; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.split('\n').length, 2, JSON.stringify(r.stderr));
  assert.ok(
    ![...r.stderr.slice(0, -1)].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f'),
    JSON.stringify(r.stderr),
  );
  assert.match(r.stderr, pattern);
}

const root = mkdtempSync(join(tmpdir(), 'checks-cli-hard-'));
const folder = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const service = tf('google_cloud_run_v2_service', v2Service());

describe('the command line reads only regular files', () => {
  test('a named pipe among the files of a folder is refused, not waited on', async () => {
    const dir = folder('fifo');
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(service));
    execFileSync('mkfifo', [join(dir, 'x.tf.json')]);
    oneLine(await cli('check', dir), /x\.tf\.json: a named pipe; give a regular file/);
  });

  test('a stack file linked to /dev/zero is refused without reading it', async () => {
    const dir = folder('zero/stacks/one');
    symlinkSync('/dev/zero', join(dir, 'cdk.tf.json'));
    oneLine(await cli('check', join(root, 'zero')), /cdk\.tf\.json: a device; give a regular file/);
  });

  test('a file above 256 MB is refused by its size, not read', async () => {
    const file = join(root, 'huge.tf.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, MAX_INPUT_BYTES + 1); // sparse: costs no disk
    closeSync(fd);
    oneLine(await cli('check', file), /huge\.tf\.json: 257 MB is above the 256 MB this command reads/);
  });

  test('a link loop says so', async () => {
    const dir = folder('loop');
    symlinkSync(join(dir, 'b.tf.json'), join(dir, 'a.tf.json'));
    symlinkSync(join(dir, 'a.tf.json'), join(dir, 'b.tf.json'));
    oneLine(await cli('check', dir), /too many symbolic links \(a loop\) \(ELOOP\)/);
  });

  // As root every folder is readable: run the command line as `nobody` where the system can.
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p));
  const asNobody = process.getuid?.() === 0 && runuser !== undefined;
  test('an unreadable folder says so in one line', { skip: !asNobody && 'needs root and runuser' }, () => {
    const dir = folder('unreadable/sub');
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(service));
    chmodSync(root, 0o755); // nobody may reach the folder, not read it
    chmodSync(join(root, 'unreadable'), 0o755);
    chmodSync(dir, 0o000);
    const main = join(__dirname, '..', '..', 'lib', 'cli', 'main.ts');
    const r = spawnSync(runuser!, ['-u', 'nobody', '--', process.execPath, '--import', 'tsx', main, 'check', dir], {
      encoding: 'utf8',
      cwd: join(__dirname, '..', '..'),
    });
    oneLine({ code: r.status ?? -1, stderr: r.stderr }, /sub: permission denied \(EACCES\)/);
  });

  test('file-system errors are named in words', () => {
    assert.equal(reasonOf(Object.assign(new Error('x'), { code: 'EACCES' })), 'permission denied (EACCES)');
    assert.equal(reasonOf(Object.assign(new Error('x'), { code: 'EWHATEVER' })), 'EWHATEVER');
  });
});

describe('the command line never echoes control characters', () => {
  test('a newline and an escape sequence in a file name stay on one escaped line', async () => {
    const file = join(folder('names'), 'bad\n\u001b[31mname.json');
    writeFileSync(file, '{ "resource": ');
    const r = await cli('check', file);
    oneLine(r, /bad\\n\\u001b\[31mname\.json is not valid JSON/);
  });

  test('a JSON parse excerpt with newlines is one line', async () => {
    const file = join(root, 'excerpt.json');
    writeFileSync(file, '{\n"resource":\n\u001b]0;title\u0007\n}');
    oneLine(await cli('check', file), /is not valid JSON/);
  });

  test('keys with escape sequences are escaped in every output format', async () => {
    const file = join(root, 'keys.tf.json');
    writeFileSync(
      file,
      JSON.stringify({
        resource: {
          google_cloud_run_v2_service: {
            'api\u001b[2J\nx': mutated(v2Service, (b) => (b.template.containers[0].image = 'gcr.io/p/app\u001b[2J:v1')),
          },
        },
      }),
    );
    for (const format of ['text', 'json', 'sarif']) {
      const r = await cli('check', file, '--format', format);
      assert.ok(!r.stdout.includes('\u001b'), format);
      assert.ok(r.stdout.includes('\\u001b'), format);
    }
  });

  test('a byte order mark is not an error', async () => {
    const file = join(root, 'bom.tf.json');
    writeFileSync(file, `\ufeff${JSON.stringify(service)}`);
    const r = await cli('check', file);
    assert.equal(r.code, 0, r.stderr);
  });

  test('deep nesting is one line, not a crash', async () => {
    const file = join(root, 'deep.tf.json');
    writeFileSync(file, `{"resource":${'['.repeat(200000)}${']'.repeat(200000)}}`);
    const r = await cli('check', file);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
  });
});
