// Start-up of helmts as users install it: `npm i -g @helmts/core` and three official plugins plus a
// third-party one installed by name from a registry (a throw-away Verdaccio on 127.0.0.1, as in
// packages/plugin-release/test/registry-install.test.ts). As bench/startup/run.mjs: runs interleaved
// (load hits all alike), median wall time against `node -e 0`, median CPU (user + sys) and peak RSS.
// Goal (issue 21): `helmts --version` and `helmts list --help` <= 1.5x.
// The third-party plugin is published without an oclif manifest, as most are: its last row is
// `list --help` with the manifest helmts caches for it (packages/core/src/plugin-manifest-cache.cts)
// removed before each run, i.e. the first start after `plugins install`/`update`.
// Usage: npm run build && node --import tsx bench/startup/installed.ts [runs]
// BENCH_KEEP=1 keeps the install (and prints how to run it) for profiling; the registry still stops.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  copyWorkspace,
  lernaPublish,
  newUser,
  publishThirdPartyPlugin,
  repoRoot,
  startRegistry,
  THIRD_PARTY_PLUGIN,
} from '../../packages/plugin-release/test/npm-registry.js';

const runs = Number(process.argv[2] ?? 21);
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const scratch = mkdtempSync(join(tmpdir(), 'helmts-bench-installed-'));
const registry = await startRegistry(join(scratch, 'registry'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Sample {
  wall: number;
  cpu: number;
  mib: number;
}

interface Contestant {
  name: string;
  command: string[];
  target?: number;
  /** Runs before each sample, outside the timing. */
  prepare?: () => void;
}

try {
  const user = newUser(scratch, registry);
  lernaPublish(copyWorkspace(join(scratch, 'release')), registry, user.env);
  publishThirdPartyPlugin(join(scratch, 'acme-plugin'), '1.0.0', registry, user.env);
  const sh = (command: string, args: string[]) =>
    execFileSync(command, args, { env: user.env, cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
  sh('npm', ['i', '-g', '@helmts/core']);
  for (const plugin of ['@helmts/plugin-release', '@helmts/plugin-repo', '@helmts/plugin-create', THIRD_PARTY_PLUGIN])
    sh('helmts', ['plugins', 'install', plugin]);
  const thirdPartyManifest = join(
    user.home,
    '.local',
    'share',
    'helmts',
    'node_modules',
    ...THIRD_PARTY_PLUGIN.split('/'),
    '.oclif.manifest.json',
  );

  /** One run: wall ms (measured here), CPU ms and peak RSS MiB (GNU time; 10 ms CPU resolution). */
  const once = ([command, ...args]: string[]): Sample => {
    const start = process.hrtime.bigint();
    const result = timeBin
      ? spawnSync(timeBin, ['-f', '%U %S %M', command, ...args], {
          env: user.env,
          cwd: scratch,
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
        })
      : spawnSync(command, args, { env: user.env, cwd: scratch, stdio: 'ignore' });
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
    const [userCpu, sysCpu, kib] = timeBin
      ? String(result.stderr).trim().split('\n').pop()!.split(' ').map(Number)
      : [NaN, NaN, NaN];
    return { wall, cpu: (userCpu + sysCpu) * 1000, mib: kib / 1024 };
  };

  const contestants: Contestant[] = [
    { name: 'node -e 0', command: [process.execPath, '-e', '0'] },
    { name: 'helmts --version', command: ['helmts', '--version'], target: 1.5 },
    { name: 'helmts list --help', command: ['helmts', 'list', '--help'], target: 1.5 },
    {
      name: 'helmts template (plugin-release, a small chart)',
      command: ['helmts', 'template', join(repoRoot, 'packages', 'plugin-release', 'test', 'fixtures', 'webapp')],
    },
    { name: 'helmts fixture settings (third-party command)', command: ['helmts', 'fixture', 'settings'] },
    {
      name: 'helmts list --help, third-party manifest not cached',
      command: ['helmts', 'list', '--help'],
      prepare: () => rmSync(thirdPartyManifest, { force: true }),
    },
  ];
  // Warm the file and code caches (and write the manifest cache) once so the first sample isn't an outlier.
  for (const c of contestants) once(c.command);
  if (!existsSync(thirdPartyManifest)) throw new Error(`helmts did not cache ${thirdPartyManifest}`);
  const samples: Sample[][] = contestants.map(() => []);
  for (let i = 0; i < runs; i++) {
    contestants.forEach((c, k) => {
      c.prepare?.();
      samples[k].push(once(c.command));
    });
  }
  const medians = samples.map((s) => ({
    wall: median(s.map((r) => r.wall)),
    cpu: median(s.map((r) => r.cpu)),
    mib: median(s.map((r) => r.mib)),
  }));
  const base = medians[0];

  const model = existsSync('/proc/cpuinfo')
    ? /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]
    : cpus()[0]?.model;
  console.log(
    `machine: ${cpus().length} CPUs (${model}), node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`global install, 3 official plugins + ${THIRD_PARTY_PLUGIN} from the registry`);
  console.log(`runs per command: ${runs}, interleaved (median wall, median CPU user+sys, median peak RSS)`);
  contestants.forEach((c, k) => {
    const m = medians[k];
    const ratio = m.wall / base.wall;
    console.log(
      `${c.name.padEnd(52)} ${m.wall.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}x` +
        `  cpu ${m.cpu.toFixed(0).padStart(4)} ms  ${m.mib.toFixed(1).padStart(5)} MiB` +
        (c.target ? `   (goal <= ${c.target}x: ${ratio <= c.target ? 'met' : 'not met'})` : ''),
    );
  });
  if (process.env.BENCH_KEEP) console.log(`kept: HOME=${user.home} PATH=${join(user.prefix, 'bin')}:$PATH`);
} finally {
  registry.stop();
  if (!process.env.BENCH_KEEP) rmSync(scratch, { recursive: true, force: true });
}
