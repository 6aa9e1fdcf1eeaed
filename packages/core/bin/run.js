#!/usr/bin/env node
import {createRequire} from 'node:module'
import {homedir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {readFileSync} from 'node:fs'

const require = createRequire(import.meta.url)
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

// oclif's cache directory for this CLI (HELMTS_CACHE_DIR, else the platform's user cache).
function cacheDir() {
  if (process.env.HELMTS_CACHE_DIR) return process.env.HELMTS_CACHE_DIR
  const base =
    process.env.XDG_CACHE_HOME ??
    (process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches')
      : process.platform === 'win32'
        ? (process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
        : join(homedir(), '.cache'))
  return join(base, 'helmts')
}

// Start-up: compile the bundled oclif from V8's code cache (bench/startup measures this).
require('../dist/compile-cache.cjs').enableCompileCache(join(cacheDir(), 'compile-cache'))
const {execute} = require('#oclif')

// Inside the helmts monorepo, every workspace plugin is loaded too, so `npx helmts <command>`
// exercises all of them. An installed @helmts/core has no such root and loads only its own
// plugins plus the ones the user installed. HELMTS_CORE_ONLY=1 shows that view from a checkout.
function monorepoRoot() {
  const root = join(packageDir, '..', '..')
  try {
    const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    return pjson.name === 'helmts-monorepo' ? root : undefined
  } catch {
    return undefined
  }
}

const root = process.env.HELMTS_CORE_ONLY ? undefined : monorepoRoot()
await execute({
  dir: import.meta.url,
  loadOptions: root ? {root: packageDir, pluginAdditions: {core: ['@helmts/plugin-*'], path: root}} : undefined,
})
