#!/usr/bin/env node
// Scale-out benchmark on the local cluster: 100 different releases installed at once over gRPC
// (each a 10-ConfigMap chart), spread round-robin over 1 and over 3 helmts Tiller processes
// sharing one storage namespace (as `helmts init --replicas 3` runs them), and through the real
// Helm 2.17 tiller (one process; shared/tools/helm2-oracle.sh) for reference. Prints wall
// time and installs per second; every install must succeed.
//
//   node bench/scaleout/run.mjs [--releases 100] [--runs 1] [--helm2-dir <dir with tiller>]
//
// Needs `npm run build` and the local cluster (scripts/local-cluster.sh start). Creates namespaces
// bench-scale-*, deletes them at the end.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { preflight } from '../preflight.mjs';
import { startHelm2Tiller, startHelmtsTiller } from '../tillers.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const releases = Number(opt('--releases', '100'));
const runs = Number(opt('--runs', '1'));

const check = preflight('bench/scaleout');
check.build('packages/tiller/bin/tiller.js', 'packages/tiller/dist/index.js', 'packages/proto/dist/index.js');
const kubeconfig = await check.cluster();
process.env.KUBECONFIG = kubeconfig;
const helm2Dir = await check.helm2(opt('--helm2-dir', process.env.HELM2_DIR), { optional: true });
if (!helm2Dir) console.error('bench/scaleout: no real Helm 2.17 (helm2-oracle.sh failed): its row stays empty');

const { KubeConfig, CoreV1Api } = await import(join(repo, 'node_modules/@kubernetes/client-node/dist/index.js'));
const grpc = await import(join(repo, 'node_modules/@grpc/grpc-js/build/src/index.js'));
const { createReleaseServiceClient } = await import(join(repo, 'packages/proto/dist/index.js'));
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const stamp = Date.now().toString(36);
const namespaces = [];
const children = [];

const enc = new TextEncoder();
const chart = {
  metadata: { name: 'ten', version: '1.0.0', apiVersion: 'v1', appVersion: '1.0' },
  templates: Array.from({ length: 10 }, (_, i) => ({
    name: `templates/cm-${i}.yaml`,
    data: enc.encode(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm-${i}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n`,
    ),
  })),
  values: { raw: 'greeting: hello\n' },
  dependencies: [],
  files: [],
};

/** A started Tiller's address; the Tiller is stopped with the others at the end. */
const startTiller = async (started) => {
  const { child, address } = await started;
  children.push(child);
  return address;
};

const install = (client, name, namespace) =>
  new Promise((res, rej) =>
    client.InstallRelease(
      { chart, name, namespace, values: { raw: '' } },
      new grpc.Metadata(),
      { deadline: Date.now() + 300_000 },
      (e, r) => (e ? rej(e) : res(r)),
    ),
  );

/** `releases` installs at once, round-robin over `addresses`; resolves with the wall time in ms. */
async function burst(label, addresses, run) {
  const relNs = `bench-scale-rel-${label}-${run}-${stamp}`;
  namespaces.push(relNs);
  await core.createNamespace({ body: { metadata: { name: relNs } } });
  const clients = addresses.map((a) => createReleaseServiceClient(a, grpc.credentials.createInsecure()));
  const t0 = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: releases }, (_, i) => install(clients[i % clients.length], `s${label}${run}-${i}`, relNs)),
  );
  const ms = performance.now() - t0;
  for (const c of clients) c.close();
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0)
    throw new Error(`${label}: ${failed.length} of ${releases} installs failed: ${failed[0].reason.message}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  const setups = [
    ['helmts, 1 Tiller', 'h1', async (ns) => [await startTiller(startHelmtsTiller(ns))]],
    ['helmts, 3 Tillers', 'h3', async (ns) => Promise.all([0, 1, 2].map(() => startTiller(startHelmtsTiller(ns))))],
  ];
  if (helm2Dir)
    setups.push(['Helm 2.17 tiller, 1', 'g1', async (ns) => [await startTiller(startHelm2Tiller(helm2Dir, ns))]]);
  for (const [title, label, start] of setups) {
    const tillerNs = `bench-scale-${label}-${stamp}`;
    namespaces.push(tillerNs);
    await core.createNamespace({ body: { metadata: { name: tillerNs } } });
    const addresses = await start(tillerNs);
    const times = [];
    for (let r = 0; r < runs; r++) times.push(await burst(label, addresses, r));
    rows.push([title, median(times)]);
    for (const c of children.splice(0)) c.kill('SIGTERM');
  }
  console.log(`${releases} concurrent installs of a 10-ConfigMap chart over gRPC, median of ${runs}:`);
  const base = rows[0][1];
  for (const [title, ms] of rows)
    console.log(
      `  ${title.padEnd(20)} ${(ms / 1000).toFixed(2)} s  ${((releases * 1000) / ms).toFixed(1).padStart(6)} installs/s  ${(base / ms).toFixed(2)}x helmts-1`,
    );
} finally {
  for (const c of children) c.kill('SIGTERM');
  for (const n of namespaces) await core.deleteNamespace({ name: n }).catch(() => {});
}
