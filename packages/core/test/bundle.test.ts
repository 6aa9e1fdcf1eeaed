import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bundler = join(root, 'scripts', 'bundle-plugin.mjs');

/** Command ids as oclif's pattern strategy derives them from a commands folder. */
function idsFromFolder(dir: string): string[] {
  const ids: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.ts')) {
        const parts = relative(dir, path).slice(0, -3).split(sep);
        if (parts.at(-1) === 'index') parts.pop();
        ids.push(parts.join(':'));
      }
    }
  };
  walk(dir);
  return ids.sort();
}

describe('bundled core and plugins (dist/plugin.cjs)', () => {
  it('gives ES module importers and CommonJS requirers the same SDK instance', async () => {
    const esm = (await import('@helmts/core')) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)('@helmts/core') as Record<string, unknown>;
    assert.equal(esm.HelmtsCommand, cjs.HelmtsCommand);
    assert.equal(esm.HelmtsError, cjs.HelmtsError);
    assert.equal(typeof esm.Flags, 'object');
  });

  for (const name of ['core', 'plugin-release', 'plugin-create']) {
    it(`${name}: the bundle registers every command in src/commands`, () => {
      const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'oclif.manifest.json'), 'utf8')) as {
        commands: Record<string, unknown>;
      };
      assert.deepEqual(
        Object.keys(manifest.commands).sort(),
        idsFromFolder(join(root, 'packages', name, 'src', 'commands')),
      );
      const bundle = createRequire(import.meta.url)(join(root, 'packages', name, 'dist', 'plugin.cjs')) as {
        COMMANDS: Record<string, unknown>;
      };
      assert.deepEqual(Object.keys(bundle.COMMANDS).sort(), Object.keys(manifest.commands).sort());
    });
  }

  describe('scripts/bundle-plugin.mjs', () => {
    let work: string;
    beforeEach(() => {
      work = mkdtempSync(join(tmpdir(), 'helmts-bundle-'));
      mkdirSync(join(work, 'dist', 'commands'), { recursive: true });
      writeFileSync(join(work, 'dist', 'where.js'), 'export const where = import.meta.url\n');
      writeFileSync(
        join(work, 'dist', 'commands', 'hello.js'),
        "import {where} from '../where.js'\nexport default class Hello { static where = where; static async later() { return import('node:path') } }\n",
      );
      const pjson = {
        name: 'fixture-plugin',
        version: '1.0.0',
        type: 'module',
        oclif: { commands: { strategy: 'explicit', target: './dist/plugin.cjs', identifier: 'COMMANDS' } },
        helmtsBundle: { commands: './dist/commands' },
      };
      writeFileSync(join(work, 'package.json'), JSON.stringify(pjson));
    });
    afterEach(() => rmSync(work, { recursive: true, force: true }));

    const bundle = () => spawnSync(process.execPath, [bundler, work], { encoding: 'utf8' });
    /** Runs `script` in a fresh node process with the bundle's COMMANDS in scope; what it printed, parsed. */
    const probe = (script: string): unknown => {
      const plugin = JSON.stringify(join(work, 'dist', 'plugin.cjs'));
      const result = spawnSync(process.execPath, ['-e', `const {COMMANDS} = require(${plugin});\n${script}`], {
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout);
    };

    it('maps import.meta.url to the original file and keeps import() out of the cached code', async () => {
      const result = bundle();
      assert.equal(result.status, 0, result.stderr);
      const { COMMANDS } = createRequire(import.meta.url)(join(work, 'dist', 'plugin.cjs')) as {
        COMMANDS: Record<string, { where: string; later(): Promise<{ join: unknown }> }>;
      };
      assert.deepEqual(Object.keys(COMMANDS), ['hello']);
      assert.equal(COMMANDS.hello.where, pathToFileURL(join(work, 'dist', 'where.js')).href);
      assert.equal(typeof (await COMMANDS.hello.later()).join, 'function');
      assert.doesNotMatch(readFileSync(join(work, 'dist', 'plugin.cjs'), 'utf8'), /[^\w$.'"`]import\(/);
    });

    it("imports a Node built-in with require(), never starting Node's ES module loader", () => {
      const result = bundle();
      assert.equal(result.status, 0, result.stderr);
      const report = probe(
        `COMMANDS.hello.later().then((path) => console.log(JSON.stringify({
           join: typeof path.join,
           loader: process.moduleLoadList.some((m) => m.includes('internal/modules/esm/module_job')),
         })))`,
      );
      assert.deepEqual(report, { join: 'function', loader: false });
    });

    it('inlines a package that requires its optional peer dependencies only when they are there', () => {
      const pkg = join(work, 'node_modules', 'with-optional-peer');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, 'package.json'),
        JSON.stringify({
          name: 'with-optional-peer',
          version: '1.0.0',
          main: 'index.js',
          peerDependencies: { 'fast-native': '*' },
          peerDependenciesMeta: { 'fast-native': { optional: true } },
        }),
      );
      writeFileSync(
        join(pkg, 'index.js'),
        "let fast = false\ntry { require('fast-native'); fast = true } catch {}\nmodule.exports = { fast }\n",
      );
      const pjson = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8'));
      writeFileSync(
        join(work, 'package.json'),
        JSON.stringify({
          ...pjson,
          dependencies: { 'with-optional-peer': '1.0.0' },
          helmtsBundle: { ...pjson.helmtsBundle, inline: ['with-optional-peer'] },
        }),
      );
      writeFileSync(
        join(work, 'dist', 'where.js'),
        "import peer from 'with-optional-peer'\nexport const where = peer.fast\n",
      );
      const result = bundle();
      assert.equal(result.status, 0, result.stderr);
      const { COMMANDS } = createRequire(import.meta.url)(join(work, 'dist', 'plugin.cjs')) as {
        COMMANDS: Record<string, { where: boolean }>;
      };
      assert.equal(COMMANDS.hello.where, false);
      const code = readFileSync(join(work, 'dist', 'plugin.cjs'), 'utf8');
      assert.doesNotMatch(code, /require\("with-optional-peer"\)/); // inlined
      assert.match(code, /require\("fast-native"\)/); // still looked for at run time
    });

    it('evaluates a command and the modules it imports only when oclif asks for it', () => {
      writeFileSync(
        join(work, 'dist', 'commands', 'other.js'),
        'globalThis.__helmtsOtherLoaded = true\nexport default class Other {}\n',
      );
      const result = bundle();
      assert.equal(result.status, 0, result.stderr);
      const report = probe(
        `const before = Boolean(globalThis.__helmtsOtherLoaded);
         const hello = COMMANDS.hello.name;
         console.log(JSON.stringify({before, hello, afterHello: Boolean(globalThis.__helmtsOtherLoaded),
           other: COMMANDS.other.name, same: COMMANDS.other === COMMANDS.other, after: Boolean(globalThis.__helmtsOtherLoaded)}))`,
      );
      assert.deepEqual(report, {
        before: false,
        hello: 'Hello',
        afterHello: false,
        other: 'Other',
        same: true,
        after: true,
      });
    });

    it('fails, naming the package, when bundled code needs an undeclared dependency', () => {
      writeFileSync(
        join(work, 'dist', 'where.js'),
        "import leftPad from 'left-pad'\nexport const where = leftPad('x', 2)\n",
      );
      const result = bundle();
      assert.notEqual(result.status, 0);
      assert.match(
        result.stderr,
        /fixture-plugin bundles code that needs packages it does not depend on[^]*left-pad \(imported by dist\/where\.js\)/,
      );
    });
  });
});
