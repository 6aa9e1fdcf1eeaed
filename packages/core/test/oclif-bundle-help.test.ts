import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import * as plainOclif from '@oclif/core';

// scripts/bundle-oclif.mjs answers string-width and wrap-ansi directly for printable ASCII and
// replaces oclif's debug logger; help must come out exactly as unbundled @oclif/core renders it.
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
