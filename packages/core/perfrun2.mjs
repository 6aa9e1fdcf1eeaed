import {createRequire} from 'node:module'
globalThis.__dynImport = (s) => import(s)
const require = createRequire(import.meta.url)
const t0 = performance.now()
const core = require('/tmp/cc/oclif-core.cjs')
const t1 = performance.now()
await core.execute({dir: 'file:///work/main/packages/core/bin/run.js', args: process.argv.slice(2), loadOptions: {root: '/work/main/packages/core', pluginAdditions: {core: ['@helmts/plugin-*'], path: '/work/main'}}})
const t2 = performance.now()
console.error('import', (t1-t0).toFixed(1), 'execute', (t2-t1).toFixed(1), 'since process start', performance.now().toFixed(1))
