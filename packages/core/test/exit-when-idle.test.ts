import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const exitWhenIdle = fileURLToPath(new URL('../dist/exit-when-idle.cjs', import.meta.url));
const cli = fileURLToPath(new URL('../bin/run.cjs', import.meta.url));

interface Finished {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** ms from spawn to exit */
  ms: number;
}

/** Runs node with `args`; the parent reads stdout only after `readAfterMs`, so big writes queue up. */
function run(args: string[], options: { readAfterMs?: number; killAfterMs?: number } = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), options.readAfterMs ?? 0);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const killer = options.killAfterMs ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (killer) clearTimeout(killer);
      resolve({ code, stdout: Buffer.concat(chunks), stderr, ms: Date.now() - started });
    });
  });
}

const script = (body: string) => `const { exitWhenIdle } = require(${JSON.stringify(exitWhenIdle)});\n${body}`;

describe('exitWhenIdle', () => {
  it('exits only after every byte of a large output reached a slow reader, with the exit code set', async () => {
    const body = `
      const text = 'x'.repeat(1 << 20) + '\\n';
      for (let i = 0; i < 8; i++) process.stdout.write(text);
      process.on('exit', () => process.stderr.write('exit listener ran\\n'));
      process.on('beforeExit', () => process.stderr.write('beforeExit listener ran\\n'));
      process.exitCode = 3;
      exitWhenIdle();`;
    const result = await run(['-e', script(body)], { readAfterMs: 300 });
    assert.equal(result.code, 3);
    assert.equal(result.stdout.length, 8 * ((1 << 20) + 1));
    const want = createHash('sha256')
      .update(('x'.repeat(1 << 20) + '\n').repeat(8))
      .digest('hex');
    assert.equal(createHash('sha256').update(result.stdout).digest('hex'), want);
    assert.equal(result.stderr, 'beforeExit listener ran\nexit listener ran\n');
  });

  it('leaves a process that still has work (a listening server) running', async () => {
    const body = `
      require('node:net').createServer().listen(0, '127.0.0.1', () => {
        process.stdout.write('listening\\n');
        exitWhenIdle();
      });`;
    const result = await run(['-e', script(body)], { killAfterMs: 1500 });
    assert.equal(result.stdout.toString('utf8'), 'listening\n');
    assert.equal(result.code, null, 'killed by the test, not exited by exitWhenIdle');
  });

  // Node 20's natural exit can abort the process when a background compile job is still running
  // (see exit-when-idle.cts); --trace-exit prints a line only for an exit through process.exit().
  it('a command that ends with a child process still being reaped exits through process.exit() once it is', async () => {
    const body = `
      const child = require('node:child_process').spawn('sh', ['-c', 'sleep 0.2'], { stdio: 'ignore' });
      child.on('close', () => process.stdout.write('child reaped\\n'));
      process.exitCode = 4;
      exitWhenIdle();`;
    const result = await run(['--trace-exit', '-e', script(body)]);
    assert.equal(result.code, 4);
    assert.equal(result.stdout.toString('utf8'), 'child reaped\n');
    assert.match(result.stderr, /WARNING: Exited the environment with code 4\n/);
  });

  it('a server closed after the command ended: the process exits through process.exit()', async () => {
    const body = `
      const server = require('node:net').createServer().listen(0, '127.0.0.1', () => {
        exitWhenIdle();
        setTimeout(() => server.close(), 100);
      });`;
    const result = await run(['--trace-exit', '-e', script(body)], { killAfterMs: 5000 });
    assert.equal(result.code, 0);
    assert.match(result.stderr, /WARNING: Exited the environment with code 0\n/);
  });

  it('lets work a beforeExit listener starts finish', async () => {
    const body = `
      let once = false;
      process.on('beforeExit', () => {
        if (once) return;
        once = true;
        setTimeout(() => process.stdout.write('late work done\\n'), 100);
      });
      exitWhenIdle();`;
    const result = await run(['-e', script(body)]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.toString('utf8'), 'late work done\n');
  });

  it('the CLI prints a piped command output whole (a slow reader)', async () => {
    const result = await run([cli, 'help'], { readAfterMs: 300 });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout.toString('utf8'), /USAGE/);
  });
});
