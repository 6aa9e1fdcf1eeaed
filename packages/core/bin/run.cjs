#!/usr/bin/env node
// The helmts CLI. CommonJS on purpose: official commands load as CommonJS bundles from the code
// cache, so a run never starts Node's ES module loader (a few ms of every start; bench/startup).
'use strict'
const {readFileSync} = require('node:fs')
const {homedir} = require('node:os')
const {join} = require('node:path')

const packageDir = join(__dirname, '..')

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

// Start-up: compile the bundled oclif and plugins from V8's code cache.
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
execute({
  dir: __filename,
  loadOptions: root ? {root: packageDir, pluginAdditions: {core: ['@helmts/plugin-*'], path: root}} : undefined,
})
