#!/usr/bin/env node
// helmts as a user with @helmts/core and @helmts/plugin-repo installed runs it: the core CLI
// plus this one plugin, without the other workspace plugins that `npx helmts` loads in the checkout.
// Starts the way packages/core/bin/run.js does (compile cache, bundled oclif).
import {createRequire} from 'node:module'
import {homedir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const core = join(root, 'packages', 'core')
const require = createRequire(join(core, 'package.json'))
const cacheDir = process.env.HELMTS_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'helmts')
require('./dist/compile-cache.cjs').enableCompileCache(join(cacheDir, 'compile-cache'))
const {execute} = require('#oclif')
await execute({
  dir: join(core, 'bin', 'run.js'),
  loadOptions: {root: core, pluginAdditions: {core: ['@helmts/plugin-repo'], path: root}},
})
