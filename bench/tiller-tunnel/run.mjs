#!/usr/bin/env node
// Tiller IN the cluster, reached through each client's own port-forward tunnel (no --host):
//  1. `helmts init --wait` to a Ready Tiller pod, its image pulled by the node from the local
//     cluster's registry (scripts/local-cluster.sh registry; built and pushed by npm run tiller-image);
//  2. `list` with one release, helmts (its tunnel, mutual TLS) beside the real Helm 2.17 client
//     (helm's own portforwarder to pod port 44134, --tls --tls-verify), against the same Tiller pod;
//  3. the Tiller pod's RSS (VmRSS of its node process, found by the pod's cgroup) idle, and after
//     --revisions upgrades of a one-ConfigMap release (sent as UpdateRelease calls straight to the
//     pod's address on the node's bridge, to spare 1,000 client start-ups) and a `history` that reads
//     them all back.
// Tiller runs as `helmts init` deploys it by default: on the pod network (no --net-host).
// Target: helmts list <= 1.0x helm list. Where NODE_EXTRA_CA_CERTS is set, helmts' `list` (and
// `node -e 0`) also run without it.
//
//   node bench/tiller-tunnel/run.mjs [--runs 7] [--revisions 1000] [--helm2-dir <dir with helm>]
//                                    [--baseline-cli <another build's packages/core/bin/run.cjs>]
//
// --baseline-cli times another helmts build's `list` through its tunnel in the same runs (a
// "before" column from the same sitting, e.g. a copy of main built beside this checkout).
//
// Needs `npm run build` and the local cluster with its node. Cleans up after itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { preflight } from '../preflight.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(opt('--runs', '7'));
const revisions = Number(opt('--revisions', '1000'));
const baselineCli = opt('--baseline-cli');
const cli = join(repo, 'packages/core/bin/run.cjs');
const script = join(repo, 'scripts/local-cluster.sh');

const check = preflight('bench/tiller-tunnel');
const helm2Dir = await check.helm2(opt('--helm2-dir', process.env.HELM2_DIR));
check.build(
  'packages/core/bin/run.cjs',
  'packages/plugin-release/dist/plugin.cjs',
  'packages/tiller-image/dist/bin/tiller-image.js',
);
const kubeconfig = await check.cluster();

const scratch = mkdtempSync(join(tmpdir(), 'bench-tunnel-'));
const ns = `bench-tunnel-${process.pid}`;
const env = {
  ...process.env,
  KUBECONFIG: kubeconfig,
  HELMTS_HOME: join(scratch, 'home'),
  HELM_HOME: join(scratch, 'home'),
  HOME: scratch,
  TILLER_NAMESPACE: ns,
};
delete env.HELMTS_HOST;
delete env.HELM_HOST;
const sh = (cmd, argv, extra = {}) => {
  const r = spawnSync(cmd, argv, { env: { ...env, ...extra }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
};
const timed = (cmd, argv, extra) => {
  const t0 = performance.now();
  sh(cmd, argv, extra);
  return performance.now() - t0;
};
// The pod's main process on this host: the one whose cgroup path names the pod's UID (the kubelet
// writes it with dashes or, under the systemd driver, underscores).
const podRssMiB = (uid) => {
  const marks = [uid, uid.replaceAll('-', '_')];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cgroup;
    let status;
    try {
      cgroup = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
      if (!marks.some((m) => cgroup.includes(m))) continue;
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      continue;
    }
    if (!/^Name:\s+node$/m.test(status)) continue;
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)[1]) / 1024;
  }
  throw new Error(`no node process in the cgroup of pod ${uid}`);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const registryWasUp = spawnSync('bash', [script, 'status'], { encoding: 'utf8' }).stdout.includes('  registry pid');

try {
  // The real HOME: the registry binary is built once into ~/.cache/helmts, not into the scratch HOME.
  const registry = sh('bash', [script, 'registry'], { HOME: process.env.HOME }).trim();
  const image = `${registry}/helmts/tiller:${ns}`;
  const tPush = timed('node', [
    join(repo, 'packages/tiller-image/dist/bin/tiller-image.js'),
    '--out',
    join(scratch, 't.tar'),
    '--push',
    image,
  ]);
  const { KubeConfig, CoreV1Api } = await import(join(repo, 'node_modules/@kubernetes/client-node/dist/index.js'));
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  const tInit = timed('node', [
    cli,
    'init',
    '--tls-gen',
    '--skip-repos', // no stable repository: nothing leaves this host
    '--cluster-wide',
    '--tiller-image',
    image,
    '--wait',
  ]);
  sh(join(helm2Dir, 'helm'), [
    'install',
    join(repo, 'packages/plugin-release/test/fixtures/webapp'),
    '--name',
    'bench',
    '--namespace',
    ns,
    '--tls',
    '--tls-verify',
  ]);
  const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=helm,name=tiller' });
  const pod = pods.items.find((p) => p.status?.phase === 'Running');
  const tillerAddress = `${pod.status.podIP}:44134`;
  const ours = [];
  const theirs = [];
  // The same two clients dialling the pod's port straight (the host routes to the node's bridge),
  // and a bare node start: what the tunnel adds, and what start-up alone costs. The certificate
  // names 127.0.0.1 (where each tunnel ends), so both verify it as that name.
  const oursDirect = [];
  const theirsDirect = [];
  // Node 20 reads its whole root store and the named file at every start when NODE_EXTRA_CA_CERTS
  // is set (Helm, in Go, does not): where it is, helmts and `node -e 0` also run without it.
  const extraCaCerts = Boolean(process.env.NODE_EXTRA_CA_CERTS);
  const noExtraCas = { NODE_EXTRA_CA_CERTS: undefined };
  const oursNoCas = [];
  const bareNoCas = [];
  const bare = [];
  const baseline = [];
  const direct = ['--host', tillerAddress, '--tls-hostname', '127.0.0.1'];
  // warm-up (code cache, page cache), then alternate
  timed('node', [cli, 'list'], { HELM_TLS_VERIFY: '1' });
  timed(join(helm2Dir, 'helm'), ['list', '--tls', '--tls-verify']);
  if (baselineCli) timed('node', [baselineCli, 'list'], { HELM_TLS_VERIFY: '1' });
  for (let i = 0; i < runs; i++) {
    ours.push(timed('node', [cli, 'list'], { HELM_TLS_VERIFY: '1' }));
    if (baselineCli) baseline.push(timed('node', [baselineCli, 'list'], { HELM_TLS_VERIFY: '1' }));
    theirs.push(timed(join(helm2Dir, 'helm'), ['list', '--tls', '--tls-verify']));
    oursDirect.push(timed('node', [cli, 'list', ...direct], { HELM_TLS_VERIFY: '1' }));
    theirsDirect.push(timed(join(helm2Dir, 'helm'), ['list', ...direct, '--tls', '--tls-verify']));
    bare.push(timed('node', ['-e', '0']));
    if (extraCaCerts) {
      oursNoCas.push(timed('node', [cli, 'list'], { HELM_TLS_VERIFY: '1', ...noExtraCas }));
      bareNoCas.push(timed('node', ['-e', '0'], noExtraCas));
    }
  }
  const [a, b] = [median(ours), median(theirs)];

  // Tiller's memory: idle, then with `revisions` stored revisions of one release read back.
  await new Promise((ok) => setTimeout(ok, 3000));
  const rssIdle = podRssMiB(pod.metadata.uid);
  const chartDir = join(scratch, 'bulk');
  mkdirSync(join(chartDir, 'templates'), { recursive: true });
  writeFileSync(join(chartDir, 'Chart.yaml'), 'apiVersion: v1\nname: bulk\nversion: 0.1.0\n');
  writeFileSync(
    join(chartDir, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  n: {{ .Values.n | quote }}\n',
  );
  sh('node', [cli, 'install', chartDir, '--name', 'bulk', '--namespace', ns, '--set', 'n=1'], { HELM_TLS_VERIFY: '1' });
  const { createH2ReleaseClient } = await import(join(repo, 'packages/proto/dist/client.js'));
  const home = join(scratch, 'home');
  const tiller = createH2ReleaseClient(tillerAddress, {
    tls: {
      cert: readFileSync(join(home, 'cert.pem')),
      key: readFileSync(join(home, 'key.pem')),
      ca: readFileSync(join(home, 'ca.pem')),
      ALPNProtocols: ['h2'],
      checkServerIdentity: () => undefined,
    },
  });
  const { release } = await tiller.unary('GetReleaseContent', { name: 'bulk', version: 0 });
  const tBulk0 = performance.now();
  for (let n = 2; n <= revisions; n++)
    await tiller.unary('UpdateRelease', {
      name: 'bulk',
      chart: release.chart,
      values: { raw: `n: ${n}\n` },
      timeout: 300,
    });
  const tBulk = performance.now() - tBulk0;
  tiller.close();
  const tHistory = timed('node', [cli, 'history', 'bulk', '--max', String(revisions)], { HELM_TLS_VERIFY: '1' });
  const stored = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'NAME=bulk,OWNER=TILLER' });
  const rssLoaded = podRssMiB(pod.metadata.uid);
  const row = (label, value) => console.log(`  ${label.padEnd(56)} ${value}`);
  console.log(
    `Tiller in the cluster through the tunnel (median of ${runs}; load average ${(await import('node:os')).loadavg()[0].toFixed(1)}):`,
  );
  row('build + push the Tiller image', `${(tPush / 1000).toFixed(2)} s`);
  row('helmts init --wait (pulled) to a Ready pod', `${(tInit / 1000).toFixed(2)} s`);
  row('list, helmts through its tunnel', `${a.toFixed(0)} ms`);
  row('list, helm 2.17 through its tunnel', `${b.toFixed(0)} ms`);
  row('helmts / helm', `${(a / b).toFixed(2)}x (target <= 1.0x)`);
  if (baselineCli) {
    row('list, the baseline helmts through its tunnel', `${median(baseline).toFixed(0)} ms`);
    row('baseline / helm', `${(median(baseline) / b).toFixed(2)}x`);
  }
  row('list, helmts --host straight to the pod', `${median(oursDirect).toFixed(0)} ms`);
  row('list, helm 2.17 --host straight to the pod', `${median(theirsDirect).toFixed(0)} ms`);
  row('node -e 0', `${median(bare).toFixed(0)} ms`);
  if (extraCaCerts) {
    row('list, helmts through its tunnel, no NODE_EXTRA_CA_CERTS', `${median(oursNoCas).toFixed(0)} ms`);
    row('helmts (no NODE_EXTRA_CA_CERTS) / helm', `${(median(oursNoCas) / b).toFixed(2)}x`);
    row('node -e 0, no NODE_EXTRA_CA_CERTS', `${median(bareNoCas).toFixed(0)} ms`);
  }
  row('Tiller pod RSS, idle', `${rssIdle.toFixed(0)} MiB`);
  row(
    `${revisions - 1} upgrades sent straight to the pod`,
    `${(tBulk / 1000).toFixed(1)} s (${(tBulk / (revisions - 1)).toFixed(0)} ms each)`,
  );
  row(`helmts history --max ${revisions} through its tunnel`, `${(tHistory / 1000).toFixed(2)} s`);
  row(`Tiller pod RSS, ${stored.items.length} stored revisions`, `${rssLoaded.toFixed(0)} MiB`);
} finally {
  spawnSync('node', [cli, 'reset', '--force'], { env });
  const { KubeConfig, CoreV1Api } = await import(join(repo, 'node_modules/@kubernetes/client-node/dist/index.js'));
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  await kc
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name: ns })
    .catch(() => undefined);
  if (!registryWasUp) spawnSync('bash', [script, 'registry-stop']);
  rmSync(scratch, { recursive: true, force: true });
}
