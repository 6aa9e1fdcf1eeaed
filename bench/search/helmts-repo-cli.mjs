#!/usr/bin/env node
// helmts as a user with @helmts/core and @helmts/plugin-repo installed runs it: the core CLI
// plus this one plugin, without the other workspace plugins that `npx helmts` loads in the checkout.
import {execute} from '@oclif/core'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const core = join(root, 'packages', 'core')
await execute({
  dir: join(core, 'bin', 'run.js'),
  loadOptions: {root: core, pluginAdditions: {core: ['@helmts/plugin-repo'], path: root}},
})
