import assert from 'node:assert/strict';

import { officialPluginFor } from '../src/sdk/official-plugins.js';

describe('official plugin lookup', () => {
  it('maps each official command to its plugin', () => {
    assert.equal(officialPluginFor('install'), '@helmts/plugin-release');
    assert.equal(officialPluginFor('repo:add'), '@helmts/plugin-repo');
    assert.equal(officialPluginFor('repo add'), '@helmts/plugin-repo');
    assert.equal(officialPluginFor('lint'), '@helmts/plugin-create');
  });

  it('guesses nothing for unknown commands', () => {
    assert.equal(officialPluginFor('instal'), undefined);
    assert.equal(officialPluginFor('frobnicate'), undefined);
  });
});
