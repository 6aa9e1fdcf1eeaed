#!/usr/bin/env node
// --wait on the real node: install a chart of 20 Deployments (busybox pods that turn Ready a moment
// after they start) with `install --wait`, and time from the last pod becoming Ready (seen by this
// process through a pod watch) to the command's exit: helmts (client + its Tiller, which watches)
// beside the real Helm 2.17 (helm + tiller, which polls every 2 s). Also prints the whole command's
// time. Medians of --runs. The pods turn Ready through an HTTP probe (busybox httpd), which the
// kubelet makes itself: an exec probe starts a process in the container through runc each time,
// and 20 of them a second kept this machine's 2 CPUs busy (load 20-50) and the figures swinging.
//
//   node bench/wait/run.mjs [--runs 3] [--deployments 20] [--helm2-dir <dir with helm and tiller>]
//
// Needs `npm run build` and the local cluster with its node (scripts/local-cluster.sh start).
// Creates namespaces bench-wait-*, deletes them at the end.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight } from '../preflight.mjs';
import { startHelm2Tiller, startHelmtsTiller } from '../tillers.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(opt('--runs', '3'));
const deployments = Number(opt('--deployments', '20'));
const cli = join(repo, 'packages/core/bin/run.cjs');

const check = preflight('bench/wait');
check.build('packages/tiller/bin/tiller.js', 'packages/core/bin/run.cjs', 'packages/plugin-release/dist/plugin.cjs');
const kubeconfig = await check.cluster();
process.env.KUBECONFIG = kubeconfig;
const node = check.node();
const helm2Dir = await check.helm2(opt('--helm2-dir', process.env.HELM2_DIR));

const { KubeConfig, CoreV1Api, Watch } = await import(join(repo, 'node_modules/@kubernetes/client-node/dist/index.js'));
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const ready = await core.readNode({ name: node.name }).then(
  (n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  () => false,
);
if (!ready) {
  console.error(
    `bench/wait: needs the node ${node.name} Ready: start the cluster with its node (scripts/local-cluster.sh start)`,
  );
  process.exit(2);
}

const stamp = Date.now().toString(36);
const homes = mkdtempSync(join(tmpdir(), 'helmts-wait-bench-home-'));
mkdirSync(join(homes, 'helm2'), { recursive: true });
const namespaces = [];
const children = [];

const chartDir = join(homes, 'chart', 'twenty');
mkdirSync(join(chartDir, 'templates'), { recursive: true });
writeFileSync(join(chartDir, 'Chart.yaml'), 'apiVersion: v1\nname: twenty\nversion: 1.0.0\n');
writeFileSync(join(chartDir, 'values.yaml'), `image: ${node.busyboxImage}\n`);
for (let i = 0; i < deployments; i++) {
  writeFileSync(
    join(chartDir, 'templates', `d${i}.yaml`),
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-d${i}\nspec:\n  selector:\n    matchLabels: {app: {{ .Release.Name }}-d${i}}\n  template:\n    metadata:\n      labels: {app: {{ .Release.Name }}-d${i}}\n    spec:\n      terminationGracePeriodSeconds: 0\n      containers:\n      - name: c\n        image: {{ .Values.image }}\n        imagePullPolicy: Never\n        command: [sh, -c, 'sleep 1; exec httpd -f -p 8080 -h /www']\n        readinessProbe:\n          httpGet: {path: /, port: 8080}\n          periodSeconds: 1\n`,
  );
}

/** Watches the namespace's pods; `lastReady()` is when the last of `count` pods turned Ready (ms). */
async function watchReadiness(namespace, count) {
  const readyAt = new Map();
  const controller = await new Watch(kc).watch(
    `/api/v1/namespaces/${namespace}/pods`,
    {},
    (_type, pod) => {
      const isReady = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      if (isReady && !readyAt.has(pod.metadata.name)) readyAt.set(pod.metadata.name, performance.now());
    },
    () => {},
  );
  return {
    lastReady() {
      if (readyAt.size < count) throw new Error(`only ${readyAt.size} of ${count} pods were seen Ready`);
      return Math.max(...readyAt.values());
    },
    stop: () => controller.abort(),
  };
}

/** Runs one `install --wait`; resolves with [exit - last pod Ready, whole command] in ms. */
async function timedInstall(label, run, bin, argv, env) {
  const ns = `bench-wait-${label}${run}-${stamp}`;
  namespaces.push(ns);
  await core.createNamespace({ body: { metadata: { name: ns } } });
  const pods = await watchReadiness(ns, deployments);
  const t0 = performance.now();
  const exited = await new Promise((res, rej) => {
    const child = spawn(bin, [...argv, '--namespace', ns], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0 ? res(performance.now()) : rej(new Error(`${label}: exit ${code}: ${err.trim()}`)),
    );
  });
  pods.stop();
  const result = [exited - pods.lastReady(), exited - t0];
  await core.deleteNamespace({ name: ns, body: { gracePeriodSeconds: 0 } }).catch(() => {});
  return result;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const tillerNs = `bench-wait-tiller-${stamp}`;
  const helm2Ns = `bench-wait-tiller2-${stamp}`;
  namespaces.push(tillerNs, helm2Ns);
  await core.createNamespace({ body: { metadata: { name: helm2Ns } } });
  // one after the other, each stopped at the end once started (a failed start leaves no process)
  const started = async (tiller) => {
    const { child, address } = await tiller;
    children.push(child);
    return address;
  };
  const ours = await started(startHelmtsTiller(tillerNs));
  const theirs = await started(startHelm2Tiller(helm2Dir, helm2Ns));
  const t = { helmts: [], helm2: [] };
  for (let r = 0; r < runs; r++) {
    t.helmts.push(
      await timedInstall(
        't',
        r,
        process.execPath,
        [cli, 'install', chartDir, '--name', `wt${r}`, '--wait', '--timeout', '300'],
        {
          HELMTS_HOST: ours,
          HELMTS_HOME: join(homes, 'helmts'),
        },
      ),
    );
    t.helm2.push(
      await timedInstall(
        'h',
        r,
        join(helm2Dir, 'helm'),
        ['--host', theirs, 'install', chartDir, '--name', `wh${r}`, '--wait', '--timeout', '300'],
        { HELM_HOME: join(homes, 'helm2') },
      ),
    );
  }
  const show = (xs, i) => `${(median(xs.map((x) => x[i])) / 1000).toFixed(3)} s`;
  console.log(`install --wait of ${deployments} Deployments on the real node, median of ${runs}:`);
  console.log('                             helmts     Helm 2.17  helmts / Helm 2 (target: helmts <= 0.2 s)');
  for (const [i, what] of [
    [0, 'last pod Ready -> exit'],
    [1, 'whole command'],
  ]) {
    const [a, b] = [median(t.helmts.map((x) => x[i])), median(t.helm2.map((x) => x[i]))];
    console.log(`  ${what.padEnd(26)} ${show(t.helmts, i)}   ${show(t.helm2, i)}   ${(a / b).toFixed(2)}x`);
  }
  console.log(
    `  (each run, last pod Ready -> exit: helmts ${t.helmts.map((x) => x[0].toFixed(0)).join(', ')} ms; Helm 2 ${t.helm2.map((x) => x[0].toFixed(0)).join(', ')} ms)`,
  );
} finally {
  for (const c of children) c.kill('SIGTERM');
  for (const n of namespaces) await core.deleteNamespace({ name: n, body: { gracePeriodSeconds: 0 } }).catch(() => {});
  rmSync(homes, { recursive: true, force: true });
}
