#!/usr/bin/env node
import {execute} from '@oclif/core'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

// Inside the helmts monorepo, every workspace plugin is loaded too, so `npx helmts <command>`
// exercises all of them. An installed @helmts/core has no such root and loads only its own
// plugins plus the ones the user installed. HELMTS_CORE_ONLY=1 shows that view from a checkout.
function monorepoRoot() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
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
  loadOptions: root
    ? {root: join(dirname(fileURLToPath(import.meta.url)), '..'), pluginAdditions: {core: ['@helmts/plugin-*'], path: root}}
    : undefined,
})
