#!/usr/bin/env node
// Release commands end to end against a running Tiller: `version`, `list`, `status`, `history` and
// `get` of a one-ConfigMap release, helmts (client + its Tiller) beside the real Helm 2.17 (helm +
// tiller) and `node -e 0`: median wall time, CPU (user + sys) and peak RSS of the client process,
// in one run on one machine. Targets (issue 23): each helmts command <= 2x `node -e 0`'s wall time,
// <= 0.15 s CPU and <= 80 MiB.
//
//   node bench/startup/release-commands.mjs [--runs 9] [--helm2-dir <dir with helm and tiller>]
//
// Needs `npm run build` and the local cluster (or KUBECONFIG); both Tillers store ConfigMaps in a
// namespace of their own, deleted at the end.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight } from '../preflight.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(opt('--runs', '9'));
const check = preflight('bench/startup/release-commands');
check.build('packages/core/bin/run.cjs', 'packages/plugin-release/dist/plugin.cjs', 'packages/tiller/dist/index.js');
const kubeconfig = await check.cluster();
const helm2Dir = await check.helm2(opt('--helm2-dir', process.env.HELM2_DIR));
const cli = join(repo, 'packages/core/bin/run.cjs');
const stamp = Date.now().toString(36);
const work = mkdtempSync(join(tmpdir(), 'helmts-release-commands-'));
const env = {
  ...process.env,
  KUBECONFIG: kubeconfig,
  HELMTS_HOME: join(work, 'helmts-home'),
  HELM_HOME: join(work, 'helm-home'),
};
mkdirSync(join(env.HELM_HOME, 'repository'), { recursive: true });
writeFileSync(join(env.HELM_HOME, 'repository', 'repositories.yaml'), 'apiVersion: v1\nrepositories: []\n');

function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/**
 * One run under /usr/bin/time: wall seconds (measured here: GNU time's %e has 10 ms steps, too
 * coarse for a 2x target on a 60 ms baseline), CPU seconds (user + sys), peak RSS in MiB.
 */
function measure(command, commandArgs, extraEnv) {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...commandArgs], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, sys, kib] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, mib: kib / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** Medians of `runs` runs of each contestant, interleaved (load changes hit all alike), after one warm-up each. */
function sampleAll(contestants) {
  for (const c of contestants) measure(...c); // warm the file and code caches
  const rows = contestants.map(() => []);
  for (let i = 0; i < runs; i++) contestants.forEach((c, k) => rows[k].push(measure(...c)));
  return rows.map((r) => ({
    wall: median(r.map((x) => x.wall)),
    cpu: median(r.map((x) => x.cpu)),
    mib: median(r.map((x) => x.mib)),
  }));
}

async function startTiller(command, tillerArgs, extraEnv, ready) {
  const child = spawn(command, tillerArgs, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((done, fail) => {
    let seen = '';
    const look = (chunk) => {
      seen += chunk;
      if (ready.test(seen)) done();
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', (code) => fail(new Error(`${command} exited ${code}: ${seen}`)));
  });
  return child;
}

const chart = join(work, 'one');
mkdirSync(join(chart, 'templates'), { recursive: true });
writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: one\nversion: 0.1.0\n');
writeFileSync(join(chart, 'values.yaml'), 'greeting: hello\n');
writeFileSync(
  join(chart, 'templates', 'cm.yaml'),
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting }}\n',
);

const [ourPort, ourProbe, theirPort, theirProbe] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
const ourNs = `bench-rc-helmts-${stamp}`;
const theirNs = `bench-rc-helm2-${stamp}`;
const { KubeConfig, CoreV1Api } = await import(join(repo, 'node_modules/@kubernetes/client-node/dist/index.js'));
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
for (const name of [ourNs, theirNs]) await core.createNamespace({ body: { metadata: { name } } });
const ours = await startTiller(
  process.execPath,
  [
    join(repo, 'packages/tiller/bin/tiller.js'),
    '--listen',
    `127.0.0.1:${ourPort}`,
    '--probe-listen',
    `127.0.0.1:${ourProbe}`,
  ],
  { TILLER_NAMESPACE: ourNs },
  /listening/,
);
const theirs = await startTiller(
  join(helm2Dir, 'tiller'),
  ['--listen', `127.0.0.1:${theirPort}`, '--probe-listen', `127.0.0.1:${theirProbe}`, '--storage=configmap'],
  { TILLER_NAMESPACE: theirNs },
  /GRPC listening/,
);

try {
  const helmts = (a) => [process.execPath, [cli, ...a], { HELMTS_HOST: `127.0.0.1:${ourPort}` }];
  const helm2 = (a) => [join(helm2Dir, 'helm'), a, { HELM_HOST: `127.0.0.1:${theirPort}` }];
  const install = (tool, ns) => {
    const [c, a, e] = tool(['install', chart, '--name', 'bench', '--namespace', ns]);
    execFileSync(c, a, { env: { ...env, ...e }, stdio: 'ignore' });
  };
  install(helmts, ourNs);
  install(helm2, theirNs);

  const commands = [['version'], ['list'], ['status', 'bench'], ['history', 'bench'], ['get', 'bench']];
  const [baseline, ...rows] = sampleAll([
    [process.execPath, ['-e', '0'], {}],
    ...commands.flatMap((command) => [helmts(command), helm2(command)]),
  ]);
  const fmt = (m) => `${m.wall.toFixed(3)} s ${m.cpu.toFixed(3)} s ${m.mib.toFixed(0).padStart(3)} MiB`;
  console.log(
    `runs per command: ${runs}, interleaved (median; wall, CPU = user + sys, peak RSS of the client); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`node -e 0: ${fmt(baseline)}`);
  console.log(
    `${'command'.padEnd(16)}${'helmts'.padEnd(26)}${'Helm 2.17'.padEnd(26)}helmts / node -e 0 (wall)   helmts / Helm 2 (wall)`,
  );
  commands.forEach((command, k) => {
    const ourRow = rows[2 * k];
    const theirRow = rows[2 * k + 1];
    console.log(
      `${command.join(' ').padEnd(16)}${fmt(ourRow).padEnd(26)}${fmt(theirRow).padEnd(26)}${(
        ourRow.wall / baseline.wall
      )
        .toFixed(2)
        .padStart(6)}x${(ourRow.wall / theirRow.wall).toFixed(2).padStart(26)}x`,
    );
  });
} finally {
  ours.kill();
  theirs.kill();
  for (const name of [ourNs, theirNs]) await core.deleteNamespace({ name }).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
