#!/usr/bin/env node
// Start-up cost of the CLI: median wall time of `helmts --version` against `node -e 0`, in one run on
// one machine, so the ratio is comparable across machines. Target: <= 2x.
// Usage: node bench/startup/run.mjs [runs]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { preflight } from '../preflight.mjs';

preflight('bench/startup').build('packages/core/dist/plugin.cjs');

const runs = Number(process.argv[2] ?? 21);
const cli = fileURLToPath(new URL('../../packages/core/bin/run.cjs', import.meta.url));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(args, env = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

// Warm the file cache once so the first sample isn't an outlier.
time([cli, '--version']);
const baseline = time(['-e', '0']);
const coreOnly = time([cli, '--version'], { HELMTS_CORE_ONLY: '1' });
const allPlugins = time([cli, '--version']);
const help = time([cli, 'version', '--client']);

const row = (name, ms) => `${name.padEnd(38)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / baseline).toFixed(2)}x`;
console.log(`runs per command: ${runs} (median)`);
console.log(row('node -e 0', baseline));
console.log(row('helmts --version (core only)', coreOnly));
console.log(row('helmts --version (all workspace plugins)', allPlugins));
console.log(row('helmts version --client (all plugins)', help));
