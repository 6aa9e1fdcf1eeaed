#!/usr/bin/env node
// Start-up cost of the CLI against `node -e 0`, in one run on one machine (runs interleaved, so
// load hits all alike), so the ratios are comparable across machines: median wall time, median CPU
// (user + sys) and peak RSS of `helmts --version`, `helmts list --help` and `helmts version --client`.
// Targets (issue 23): --version <= 1.2x and list --help <= 1.4x `node -e 0`'s wall time. Where
// NODE_EXTRA_CA_CERTS is set, `list --help` and `version --client` are also timed without it, each
// against `node -e 0` without it.
// Usage: node bench/startup/run.mjs [runs]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { preflight } from '../preflight.mjs';

preflight('bench/startup').build('packages/core/dist/plugin.cjs');

const runs = Number(process.argv[2] ?? 21);
const cli = fileURLToPath(new URL('../../packages/core/bin/run.cjs', import.meta.url));
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** One run: wall ms (measured here), CPU ms and peak RSS MiB (GNU time; 10 ms CPU resolution). */
function once(args, env = {}) {
  const start = process.hrtime.bigint();
  const result = timeBin
    ? spawnSync(timeBin, ['-f', '%U %S %M', process.execPath, ...args], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      })
    : spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  const [user, sys, kib] = timeBin ? result.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { wall, cpu: (user + sys) * 1000, mib: kib / 1024 };
}

const contestants = [
  { name: 'node -e 0', args: ['-e', '0'] },
  // Node 20 parses its whole root certificate store at start when NODE_EXTRA_CA_CERTS is set
  // (nodejs/node#40524): every command pays it, `node -e 0` too; shown so the ratios can be read.
  ...(process.env.NODE_EXTRA_CA_CERTS
    ? [{ name: 'node -e 0, no NODE_EXTRA_CA_CERTS', args: ['-e', '0'], env: { NODE_EXTRA_CA_CERTS: '' } }]
    : []),
  { name: 'helmts --version (core only)', args: [cli, '--version'], env: { HELMTS_CORE_ONLY: '1' } },
  { name: 'helmts --version', args: [cli, '--version'], target: 1.2 },
  { name: 'helmts list --help', args: [cli, 'list', '--help'], target: 1.4 },
  { name: 'helmts version --client', args: [cli, 'version', '--client'] },
  // The same without it, against `node -e 0` without it (`of`): the CLI's own start-up cost, which
  // the certificate parsing otherwise hides in both sides of the ratio.
  ...(process.env.NODE_EXTRA_CA_CERTS
    ? [
        {
          name: 'helmts list --help (no extra CAs)',
          args: [cli, 'list', '--help'],
          env: { NODE_EXTRA_CA_CERTS: '' },
          of: 1,
        },
        {
          name: 'helmts version --client (no extra CAs)',
          args: [cli, 'version', '--client'],
          env: { NODE_EXTRA_CA_CERTS: '' },
          of: 1,
        },
      ]
    : []),
];
// Warm the file and code caches once so the first sample isn't an outlier.
for (const c of contestants) once(c.args, c.env);
const samples = contestants.map(() => []);
for (let i = 0; i < runs; i++) contestants.forEach((c, k) => samples[k].push(once(c.args, c.env)));
const medians = samples.map((s) => ({
  wall: median(s.map((r) => r.wall)),
  cpu: median(s.map((r) => r.cpu)),
  mib: median(s.map((r) => r.mib)),
}));

const model = existsSync('/proc/cpuinfo')
  ? /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]
  : cpus()[0]?.model;
console.log(
  `machine: ${cpus().length} CPUs (${model}), node ${process.version}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(`runs per command: ${runs}, interleaved (median wall, median CPU user+sys, median peak RSS)`);
contestants.forEach((c, k) => {
  const m = medians[k];
  const ratio = m.wall / medians[c.of ?? 0].wall;
  console.log(
    `${c.name.padEnd(38)} ${m.wall.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x` +
      `  cpu ${m.cpu.toFixed(0).padStart(4)} ms  ${m.mib.toFixed(1).padStart(5)} MiB` +
      (c.target ? `   (target <= ${c.target}x: ${ratio <= c.target ? 'met' : 'not met'})` : ''),
  );
});
