import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as plainOclif from '@oclif/core';

// scripts/bundle-oclif.mjs answers string-width and wrap-ansi directly for printable ASCII,
// replaces oclif's debug logger and finds plugins without require.resolve when their exports
// settle it: help must come out, and plugins be found, exactly as unbundled @oclif/core does it.
const require = createRequire(import.meta.url);
const bundledOclif = require('../dist/oclif-bundle/core.cjs') as typeof plainOclif;
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const monorepo = fileURLToPath(new URL('../../..', import.meta.url));

type Oclif = typeof plainOclif;

async function helpTexts(oclif: Oclif, maxWidth: number): Promise<Map<string, string>> {
  const config = await oclif.Config.load({
    root: packageDir,
    pluginAdditions: { core: ['@helmts/plugin-*'], path: monorepo },
  });
  const help = new oclif.Help(config, { maxWidth }) as unknown as {
    formatCommand(c: plainOclif.Command.Loadable): string;
    formatRoot(): string;
    wrap(text: string, spacing?: number): string;
  };
  const texts = new Map<string, string>([['(root)', help.formatRoot()]]);
  for (const command of config.commands) texts.set(command.id, help.formatCommand(command));
  // text that is not printable ASCII takes wrap-ansi's and string-width's own paths
  const mixed = [
    'Größe der Ausgabe — 漢字 und 😀 Emoji, dazu\ttabs and a very-long-word-that-needs-hard-wrapping-across-rows',
    '\u001b[1mbold words that wrap\u001b[22m and \u001b[36mcoloured text running past the edge\u001b[39m of the row',
    'plain ascii  with  double  spaces  and trailing spaces   ',
  ];
  mixed.forEach((text, i) => texts.set(`(wrap ${i})`, help.wrap(text)));
  return texts;
}

describe('bundled oclif (dist/oclif-bundle/core.cjs)', () => {
  for (const width of [80, 37]) {
    it(`renders every command's help as unbundled @oclif/core does, ${width} columns`, async () => {
      const plain = await helpTexts(plainOclif, width);
      const bundled = await helpTexts(bundledOclif, width);
      assert.ok(plain.size > 40, `expected the official plugins' commands, found ${plain.size} texts`);
      assert.deepEqual([...bundled.keys()].sort(), [...plain.keys()].sort());
      for (const [id, text] of plain) assert.equal(bundled.get(id), text, `help of ${id}`);
    });
  }
});

/** Every plugin oclif finds, with where it found it: the fields findRoot decides. */
async function pluginsFound(oclif: Oclif, root: string): Promise<string[]> {
  const config = await oclif.Config.load({ root, pluginAdditions: { core: ['@helmts/plugin-*'], path: monorepo } });
  return [...config.plugins.values()].map((p) => `${p.type} ${p.name}@${p.version} ${p.root}`).sort();
}

describe('bundled oclif finds plugins where unbundled @oclif/core does', () => {
  let scratch: string;
  let userPlugins: string[];
  const saved = process.env.XDG_DATA_HOME;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'helmts-find-root-'));
    // A data directory with user plugins whose package.json makes require.resolve answer each way:
    // exports for import only (throws), a string, require's condition, "." excluded, main only,
    // no "." at all; and one installed as a symbolic link (the answer is the real path or not).
    const data = join(scratch, 'data', 'helmts');
    const plugin = (dir: string, name: string, fields: object, files: string[] = []) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', oclif: {}, ...fields }));
      for (const file of files) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), 'module.exports = {};\n');
      }
    };
    const modules = join(data, 'node_modules');
    plugin(join(modules, '@t', 'import-only'), '@t/import-only', { exports: { '.': { import: './i.js' } } }, ['i.js']);
    plugin(join(modules, 'string-export'), 'string-export', { exports: './lib/index.js' }, ['lib/index.js']);
    plugin(join(modules, 'conditions'), 'conditions', { exports: { node: { require: './r.cjs' } } }, ['r.cjs']);
    plugin(join(modules, 'excluded'), 'excluded', { exports: { '.': null, './x': './x.js' } }, ['x.js']);
    plugin(join(modules, 'main-only'), 'main-only', { main: './m.js' }, ['m.js']);
    plugin(join(modules, 'no-dot'), 'no-dot', { exports: { './package.json': './package.json' } });
    plugin(join(scratch, 'elsewhere', 'linked'), 'linked', { exports: './lib/index.js' }, ['lib/index.js']);
    // oclif walks up from the entry to the first directory named like the plugin: here not its own
    plugin(join(modules, 'quirk'), 'quirk', { exports: './quirk/index.js' }, ['quirk/index.js']);
    symlinkSync(join(scratch, 'elsewhere', 'linked'), join(modules, 'linked'));
    plugin(join(scratch, 'elsewhere', 'linked-import'), 'linked-import', { exports: { import: './i.js' } }, ['i.js']);
    symlinkSync(join(scratch, 'elsewhere', 'linked-import'), join(modules, 'linked-import'));
    // No exports: Node's legacy lookup of main (a file, with an extension, a directory's index),
    // then the package's index, then nothing (oclif searches node_modules itself)
    plugin(join(modules, 'no-main'), 'no-main', {}, ['commands/x.js']);
    plugin(join(modules, 'index-only'), 'index-only', {}, ['index.js']);
    plugin(join(modules, 'main-dir'), 'main-dir', { main: './lib' }, ['lib/index.js']);
    plugin(join(modules, 'main-no-extension'), 'main-no-extension', { main: 'm' }, ['m.js']);
    plugin(join(modules, 'main-missing'), 'main-missing', { main: './gone.js' }, ['index.js']);
    plugin(join(modules, 'quirk-main'), 'quirk-main', { main: './quirk-main/index.js' }, ['quirk-main/index.js']);
    plugin(join(modules, 'beside'), 'beside', { main: './b.js' }, ['b.js']);
    writeFileSync(join(modules, 'beside.js'), 'module.exports = {};\n'); // a file Node's lookup takes first
    plugin(join(scratch, 'elsewhere', 'linked-main'), 'linked-main', { main: './lib/m.js' }, ['lib/m.js']);
    symlinkSync(join(scratch, 'elsewhere', 'linked-main'), join(modules, 'linked-main'));
    userPlugins = [
      '@t/import-only',
      'string-export',
      'conditions',
      'excluded',
      'main-only',
      'no-dot',
      'linked',
      'linked-import',
      'quirk',
      'no-main',
      'index-only',
      'main-dir',
      'main-no-extension',
      'main-missing',
      'quirk-main',
      'beside',
      'linked-main',
    ];
    writeFileSync(
      join(data, 'package.json'),
      JSON.stringify({
        private: true,
        oclif: { schema: 1, plugins: userPlugins.map((name) => ({ name, type: 'user' })) },
      }),
    );
    process.env.XDG_DATA_HOME = join(scratch, 'data');
  });
  after(() => {
    if (saved === undefined) delete process.env.XDG_DATA_HOME;
    else process.env.XDG_DATA_HOME = saved;
    rmSync(scratch, { recursive: true, force: true });
  });

  it('core, workspace and user plugins, whatever their exports say', async () => {
    const plain = await pluginsFound(plainOclif, packageDir);
    // The bundle settles every user plugin here without require.resolve, but the one beside a file
    const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
    const resolveFilename = internals._resolveFilename;
    const resolved: string[] = [];
    internals._resolveFilename = function (request: string, ...rest: unknown[]) {
      resolved.push(request);
      return resolveFilename.call(this, request, ...rest);
    };
    let bundled: string[];
    try {
      bundled = await pluginsFound(bundledOclif, packageDir);
    } finally {
      internals._resolveFilename = resolveFilename;
    }
    assert.deepEqual(
      resolved.filter((request) => userPlugins.includes(request)),
      ['beside'],
    );
    // all but the quirks and beside (oclif walks up from beside.js to the data directory itself)
    assert.equal(plain.filter((p) => p.startsWith('user ')).length, 14, plain.join('\n'));
    for (const linked of ['linked', 'linked-main']) {
      assert.ok(
        plain.some((p) => p.startsWith(`user ${linked}@`) && p.endsWith(join('elsewhere', linked))),
        plain.join('\n'),
      );
    }
    assert.ok(
      plain.some((p) => p.startsWith('core @oclif/plugin-plugins')),
      plain.join('\n'),
    );
    assert.deepEqual(bundled, plain);
  });
});
