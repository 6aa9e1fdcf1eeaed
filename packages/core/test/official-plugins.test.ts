import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

import { officialPluginFor } from '../src/sdk/official-plugins.js';

describe('official plugin lookup', () => {
  it('maps each official command to its plugin', () => {
    assert.equal(officialPluginFor('install'), '@helmts/plugin-release');
    assert.equal(officialPluginFor('repo:add'), '@helmts/plugin-repo');
    assert.equal(officialPluginFor('repo add'), '@helmts/plugin-repo');
    assert.equal(officialPluginFor('lint'), '@helmts/plugin-create');
  });

  it("knows every command and alias the official plugins' built manifests declare", function () {
    const plugins = ['plugin-release', 'plugin-repo', 'plugin-create'];
    const manifests = plugins.map((p) => new URL(`../../${p}/oclif.manifest.json`, import.meta.url));
    if (!manifests.every((m) => existsSync(m))) this.skip(); // not built
    plugins.forEach((plugin, i) => {
      const { commands } = JSON.parse(readFileSync(manifests[i], 'utf8')) as {
        commands: Record<string, { aliases?: string[] }>;
      };
      for (const [id, command] of Object.entries(commands))
        for (const name of [id, ...(command.aliases ?? [])])
          assert.equal(officialPluginFor(name), `@helmts/${plugin}`, `${name} of @helmts/${plugin}`);
    });
  });

  it('guesses nothing for unknown commands', () => {
    assert.equal(officialPluginFor('instal'), undefined);
    assert.equal(officialPluginFor('frobnicate'), undefined);
  });
});
