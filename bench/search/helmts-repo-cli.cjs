#!/usr/bin/env node
// helmts as a user with @helmts/core and @helmts/plugin-repo installed runs it: the core CLI
// plus this one plugin, without the other workspace plugins that `npx helmts` loads in the checkout.
// Starts the way packages/core/bin/run.cjs does (compile cache, bundled oclif).
'use strict';
const { join } = require('node:path');

// the same settings as bin/run.cjs (see there)
if (process.env.OCLIF_DISABLE_LINKED_ESM_WARNING === undefined) process.env.OCLIF_DISABLE_LINKED_ESM_WARNING = '1';
if (process.env.OCLIF_DISABLE_ENGINE_WARNING === undefined) process.env.OCLIF_DISABLE_ENGINE_WARNING = '1';

const root = join(__dirname, '..', '..');
const core = join(root, 'packages', 'core');
require(join(core, 'dist', 'compile-cache.cjs')).enableCompileCache();
const { execute } = require(join(core, 'dist', 'oclif-bundle', 'core.cjs'));
execute({
  dir: join(core, 'bin', 'run.cjs'),
  loadOptions: { root: core, pluginAdditions: { core: ['@helmts/plugin-repo'], path: root } },
});
