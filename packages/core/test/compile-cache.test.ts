import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import Module from 'node:module';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const compileCache = fileURLToPath(new URL('../dist/compile-cache.cjs', import.meta.url));
const cli = fileURLToPath(new URL('../bin/run.cjs', import.meta.url));

interface Report {
  kind: string;
  hits: number;
  misses: number;
  value: unknown;
}

/** Runs a fresh node process that turns the cache on, requires `module`, and reports. */
function load(
  cacheDir: string,
  module: string,
  env: Record<string, string> = {},
  runKind?: string,
  exitStatus = 0,
): Report {
  const script = `
    const cache = require(${JSON.stringify(compileCache)})
    const status = cache.enableCompileCache(${JSON.stringify(cacheDir)})
    ${runKind === undefined ? '' : `cache.setCompileCacheRunKind(${JSON.stringify(runKind)})`}
    Promise.resolve(require(${JSON.stringify(module)})).then((value) => {
      console.log(JSON.stringify({kind: status.kind, hits: status.hits, misses: status.misses, value}))
    })`;
  const result = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, HELMTS_DISABLE_COMPILE_CACHE: '', ...env },
  });
  assert.equal(result.status, exitStatus, result.stderr);
  assert.equal(result.stderr, '');
  return JSON.parse(result.stdout) as Report;
}

/**
 * A module of two functions compiled lazily, of which it runs one: `second` when WHICH=second,
 * else `first` (as a CLI's command is chosen by argv).
 */
function twoFunctions(): string {
  const body = (name: string) =>
    `function ${name}() { let s = 0; for (let i = 0; i < 10; i++) s += [${Array.from({ length: 200 }, (_, i) => i).join(',')}][i]; return s; }`;
  return `${body('first')}\n${body('second')}\nmodule.exports = process.env.WHICH === 'second' ? second() : first();\n`;
}

describe('compile cache (Node 20 CommonJS code cache)', function () {
  let work: string;
  let cacheDir: string;
  let module: string;
  const builtin = 'enableCompileCache' in Module;

  beforeEach(function () {
    if (builtin) this.skip(); // Node >= 22.1 uses its own cache; this hook is not installed there.
    work = mkdtempSync(join(tmpdir(), 'helmts-compile-cache-'));
    cacheDir = join(work, 'cache');
    module = join(work, 'answer.cjs');
    writeFileSync(
      module,
      'module.exports = {answer: 41 + 1, dir: __dirname === require("path").dirname(__filename)}\n',
    );
  });

  afterEach(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('compiles a module afresh once, then from the cache', () => {
    const first = load(cacheDir, module);
    assert.equal(first.kind, 'cjs');
    assert.deepEqual(first.value, { answer: 42, dir: true });
    assert.equal(first.hits, 0);
    assert.equal(first.misses, 1);
    assert.deepEqual(readdirSync(cacheDir), [`cjs-${process.version}-${process.arch}`]);
    assert.equal(readdirSync(join(cacheDir, `cjs-${process.version}-${process.arch}`)).length, 1);
    const second = load(cacheDir, module);
    assert.deepEqual(second.value, { answer: 42, dir: true });
    assert.equal(second.hits, 1);
    assert.equal(second.misses, 0);
  });

  it('takes in the functions of each new kind of run, then settles', () => {
    const lazy = join(work, 'lazy.cjs');
    writeFileSync(lazy, twoFunctions());
    const folder = join(cacheDir, `cjs-${process.version}-${process.arch}`);
    const entry = () => {
      const [file] = readdirSync(folder);
      const data = readFileSync(join(folder, file));
      const header = JSON.parse(data.subarray(4, 4 + data.readUInt32LE(0)).toString('utf8')) as { runs: string[] };
      return { runs: header.runs, size: data.length, mtime: statSync(join(folder, file)).mtimeMs };
    };
    assert.equal(load(cacheDir, lazy, { WHICH: 'first' }, 'command:a').misses, 1);
    const written = entry();
    assert.deepEqual(written.runs, ['command:a']);
    // Same kind of run, another function: a hit, and the entry stays as it is
    assert.equal(load(cacheDir, lazy, { WHICH: 'second' }, 'command:a').hits, 1);
    assert.deepEqual(entry(), written);
    // A new kind: the entry is written again, holding both functions now
    assert.equal(load(cacheDir, lazy, { WHICH: 'second' }, 'command:b').hits, 1);
    const grown = entry();
    assert.deepEqual(grown.runs, ['command:a', 'command:b']);
    assert.ok(grown.size > written.size, `${grown.size} > ${written.size}`);
    // ... and is used: both functions run from it
    const report = load(cacheDir, lazy, { WHICH: 'first' }, 'command:b');
    assert.equal(report.value, 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9);
    assert.equal(report.hits, 1);
    // At most 16 kinds of run are taken in
    for (let i = 0; i < 20; i++) load(cacheDir, lazy, { WHICH: 'first' }, `command:c${i}`);
    assert.equal(entry().runs.length, 16);
  });

  it('writes an entry again after a failed run of its kind, once a run of that kind succeeds', () => {
    const lazy = join(work, 'lazy.cjs');
    // a failed run (exit code 1) takes the first function only, as a command's error path would
    writeFileSync(lazy, `${twoFunctions()}if (process.env.FAIL) process.exitCode = 1;\n`);
    const folder = join(cacheDir, `cjs-${process.version}-${process.arch}`);
    const entry = () => {
      const [file] = readdirSync(folder);
      const data = readFileSync(join(folder, file));
      const header = JSON.parse(data.subarray(4, 4 + data.readUInt32LE(0)).toString('utf8')) as {
        runs: string[];
        partial?: string[];
      };
      return {
        runs: header.runs,
        partial: header.partial,
        size: data.length,
        mtime: statSync(join(folder, file)).mtimeMs,
      };
    };
    assert.equal(load(cacheDir, lazy, { WHICH: 'first', FAIL: '1' }, 'command:a', 1).misses, 1);
    const failed = entry();
    assert.deepEqual([failed.runs, failed.partial], [['command:a'], ['command:a']]);
    // failing again changes nothing
    load(cacheDir, lazy, { WHICH: 'first', FAIL: '1' }, 'command:a', 1);
    assert.deepEqual(entry(), failed);
    // the first success of that kind writes it again, with what it compiled, and clears the mark
    assert.equal(load(cacheDir, lazy, { WHICH: 'second' }, 'command:a').hits, 1);
    const succeeded = entry();
    assert.deepEqual([succeeded.runs, succeeded.partial], [['command:a'], undefined]);
    assert.ok(succeeded.size > failed.size, `${succeeded.size} > ${failed.size}`);
    // then it settles: neither a success nor a failure of that kind writes it again
    load(cacheDir, lazy, { WHICH: 'first' }, 'command:a');
    load(cacheDir, lazy, { WHICH: 'first', FAIL: '1' }, 'command:a', 1);
    assert.deepEqual(entry(), succeeded);
    // a kind that failed is taken in again on success even when the entry has seen its 16 kinds
    load(cacheDir, lazy, { WHICH: 'first', FAIL: '1' }, 'command:b', 1);
    for (let i = 0; i < 16; i++) load(cacheDir, lazy, { WHICH: 'first' }, `command:c${i}`);
    const full = entry();
    assert.equal(full.runs.length, 16);
    assert.deepEqual(full.partial, ['command:b']);
    load(cacheDir, lazy, { WHICH: 'first' }, 'command:b');
    assert.equal(entry().runs.length, 16);
    assert.equal(entry().partial, undefined);
  });

  it('keeps an entry of its own for each command that loads a large module', () => {
    const bundle = join(work, 'bundle.cjs');
    // past the size from which a module has an entry per command, as the plugins' bundles are
    writeFileSync(bundle, `${twoFunctions()}// ${'x'.repeat(100_000)}\n`);
    const folder = join(cacheDir, `cjs-${process.version}-${process.arch}`);
    const entries = () =>
      readdirSync(folder)
        .map((file) => {
          const data = readFileSync(join(folder, file));
          const header = JSON.parse(data.subarray(4, 4 + data.readUInt32LE(0)).toString('utf8')) as { runs: string[] };
          return `${header.runs.join(',')} ${data.length}`;
        })
        .sort();
    assert.equal(load(cacheDir, bundle, { WHICH: 'first' }, 'command:a').misses, 1);
    assert.equal(load(cacheDir, bundle, { WHICH: 'second' }, 'command:b').misses, 1, 'a new command compiles afresh');
    const [a, b] = entries();
    assert.match(a!, /^command:a \d+$/);
    assert.match(b!, /^command:b \d+$/);
    // each command then reads its own entry, and nothing is written again
    assert.equal(load(cacheDir, bundle, { WHICH: 'first' }, 'command:a').hits, 1);
    assert.equal(load(cacheDir, bundle, { WHICH: 'second' }, 'command:b').hits, 1);
    assert.deepEqual(entries(), [a, b]);
    // help and the like (no command) keep the one entry shared by every such run
    assert.equal(load(cacheDir, bundle, { WHICH: 'first' }).misses, 1);
    assert.equal(entries().length, 3);
  });

  it('never runs stale code when a file changes to a source of the same length', () => {
    load(cacheDir, module);
    const { atime, mtime } = statSync(module);
    writeFileSync(
      module,
      'module.exports = {answer: 41 - 1, dir: __dirname === require("path").dirname(__filename)}\n',
    );
    // Same length and, as after `tar x` or `cp -p`, the same modification time: the change time differs.
    utimesSync(module, atime, mtime);
    const changed = load(cacheDir, module);
    assert.deepEqual(changed.value, { answer: 40, dir: true });
    assert.equal(changed.misses, 1);
    assert.equal(load(cacheDir, module).hits, 1);
  });

  it('leaves modules that use import() to Node, which cannot run them from a code cache', () => {
    const dynamic = join(work, 'dynamic.cjs');
    writeFileSync(
      dynamic,
      "const important = 1\nmodule.exports = import ('node:path').then((path) => typeof path.join)\n",
    );
    for (let i = 0; i < 2; i++) {
      const report = load(cacheDir, dynamic);
      assert.equal(report.value, 'function');
      assert.equal(report.hits + report.misses, 0);
    }
    // The word in a string, a method named import, or an identifier ending in Import is not import().
    const lookalikes = join(work, 'lookalikes.cjs');
    writeFileSync(
      lookalikes,
      "const api = {import: (x) => x}\nconst myImport = (x) => x\nmodule.exports = [api.import('a'), myImport('b'), 'import()'].join()\n",
    );
    assert.equal(load(cacheDir, lookalikes).misses, 1);
    assert.equal(load(cacheDir, lookalikes).hits, 1);
  });

  it('recovers from a corrupt cache file', () => {
    load(cacheDir, module);
    const folder = join(cacheDir, readdirSync(cacheDir)[0]);
    const [file] = readdirSync(folder);
    writeFileSync(join(folder, file), Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]));
    const report = load(cacheDir, module);
    assert.deepEqual(report.value, { answer: 42, dir: true });
    assert.equal(report.misses, 1);
    assert.equal(load(cacheDir, module).hits, 1);
  });

  it('stays bounded: a run that writes removes entries of files that are gone, old temp files and unused Node folders', () => {
    const folder = join(cacheDir, `cjs-${process.version}-${process.arch}`);
    const gone = join(work, 'gone.cjs');
    writeFileSync(gone, 'module.exports = 1\n');
    load(cacheDir, gone);
    load(cacheDir, module);
    assert.equal(readdirSync(folder).length, 2);
    rmSync(gone);
    // what a killed run left, an hour ago and just now; another Node's folder, unused for 31 days and for 1
    const old = new Date(Date.now() - 2 * 3600 * 1000);
    writeFileSync(join(folder, 'x.bin.1.tmp'), 'partial');
    utimesSync(join(folder, 'x.bin.1.tmp'), old, old);
    writeFileSync(join(folder, 'y.bin.2.tmp'), 'partial');
    const otherNode = (name: string, days: number) => {
      const dir = join(cacheDir, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'z.bin'), 'data');
      const when = new Date(Date.now() - days * 24 * 3600 * 1000);
      utimesSync(dir, when, when);
    };
    otherNode('cjs-v18.0.0-x64', 31);
    otherNode('cjs-v20.0.0-x64', 1);
    // A run that only reads leaves all of it
    assert.equal(load(cacheDir, module).hits, 1);
    assert.equal(readdirSync(folder).length, 4);
    // A run that writes (a new module) tidies up
    const fresh = join(work, 'fresh.cjs');
    writeFileSync(fresh, 'module.exports = 2\n');
    assert.equal(load(cacheDir, fresh).misses, 1);
    const entries = readdirSync(folder).sort();
    assert.equal(entries.length, 3, entries.join());
    assert.ok(entries.includes('y.bin.2.tmp'), 'a recent temp file may be another run writing');
    assert.ok(!entries.some((e) => e.startsWith('gone.cjs')));
    assert.deepEqual(
      readdirSync(cacheDir).sort(),
      [`cjs-${process.version}-${process.arch}`, 'cjs-v20.0.0-x64'].sort(),
    );
    // the entries that stayed still serve
    assert.equal(load(cacheDir, module).hits, 1);
    assert.equal(load(cacheDir, fresh).hits, 1);
  });

  it('works without a writable cache directory', () => {
    // Not even root can create a directory in /proc.
    const unwritable = '/proc/self/helmts-compile-cache';
    assert.deepEqual(load(unwritable, module).value, { answer: 42, dir: true });
    assert.equal(load(unwritable, module).misses, 1);
  });

  it('works when the cache directory is a file', () => {
    writeFileSync(cacheDir, 'not a directory');
    assert.deepEqual(load(cacheDir, module).value, { answer: 42, dir: true });
    assert.deepEqual(load(cacheDir, module).value, { answer: 42, dir: true });
  });

  it('is off with HELMTS_DISABLE_COMPILE_CACHE=1', () => {
    const report = load(cacheDir, module, { HELMTS_DISABLE_COMPILE_CACHE: '1' });
    assert.equal(report.kind, 'off');
    assert.equal(existsSync(cacheDir), false);
  });

  it('runs the CLI from its cached oclif bundle, including commands oclif loads with import()', () => {
    const env = {
      ...process.env,
      HELMTS_CACHE_DIR: join(work, 'cli-cache'),
      HELMTS_CORE_ONLY: '1',
      HELMTS_DISABLE_COMPILE_CACHE: '',
    };
    const runs = [0, 1].map(() =>
      spawnSync(process.execPath, [cli, 'version', '--client', '--short'], { encoding: 'utf8', env }),
    );
    for (const run of runs) {
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /v\d+\.\d+\.\d+/);
    }
    assert.equal(runs[1].stdout, runs[0].stdout);
    assert.deepEqual(readdirSync(join(work, 'cli-cache', 'compile-cache')), [`cjs-${process.version}-${process.arch}`]);
    // the bundled oclif, the bundled core (commands and SDK)
    const folder = join(work, 'cli-cache', 'compile-cache', `cjs-${process.version}-${process.arch}`);
    assert.ok(readdirSync(folder).length >= 2);
    // written after a run of the version command (bin/run.cjs names the kind of run)
    const oclifEntry = readFileSync(
      join(
        folder,
        readdirSync(folder).find((f) => f.startsWith('core.cjs-'))!,
      ),
    );
    const header = JSON.parse(oclifEntry.subarray(4, 4 + oclifEntry.readUInt32LE(0)).toString('utf8'));
    assert.deepEqual(header.runs, ['command:version']);
  });
});
