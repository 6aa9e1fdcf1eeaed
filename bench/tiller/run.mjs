#!/usr/bin/env node
// Tiller benchmark on the local cluster (scripts/local-cluster.sh):
//  1. install and upgrade of a 100-object chart through helmts Tiller (gRPC, server-side apply)
//     side by side with the real `helm install` / `helm upgrade` of the same chart;
//  2. ListReleases (all statuses) over 10 000 stored revisions in ConfigMaps.
//
//   node bench/tiller/run.mjs [--helm /tmp/helmbin/helm/helm] [--runs 3] [--revisions 10000] [--skip-list]
//
// Needs `npx tsc -b packages/tiller` first. Creates namespaces bench-*, deletes them at the end.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const helm = opt('--helm', process.env.HELM_BIN ?? '/tmp/helmbin/helm/helm');
const runs = Number(opt('--runs', '3'));
const revisions = Number(opt('--revisions', '10000'));
const skipList = args.includes('--skip-list');

const check = preflight('bench/tiller');
check.build('packages/tiller/dist/index.js', 'packages/proto/dist/index.js');
check.helm(helm);
const kubeconfig = await check.cluster();
process.env.KUBECONFIG = kubeconfig;

const { KubeConfig, CoreV1Api } = await import(join(repo, 'node_modules/@kubernetes/client-node/dist/index.js'));
const grpc = await import(join(repo, 'node_modules/@grpc/grpc-js/build/src/index.js'));
const proto = await import(join(repo, 'packages/proto/dist/index.js'));
const tillerLib = await import(join(repo, 'packages/tiller/dist/index.js'));

const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const stamp = Date.now().toString(36);
const ns = (s) => `bench-${s}-${stamp}`;

function generateChart() {
  const dir = join(mkdtempSync(join(tmpdir(), 'helmts-tiller-bench-')), 'hundred');
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v1\nname: hundred\nversion: 1.0.0\nappVersion: "1.0"\n');
  writeFileSync(join(dir, 'values.yaml'), 'greeting: hello\nport: 80\n');
  for (let i = 0; i < 60; i++) {
    writeFileSync(
      join(dir, 'templates', `cm-${i}.yaml`),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm-${i}\n  labels:\n    app: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  index: "${i}"\n`,
    );
  }
  for (let i = 0; i < 20; i++) {
    writeFileSync(
      join(dir, 'templates', `secret-${i}.yaml`),
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-secret-${i}\nstringData:\n  token: {{ .Values.greeting | quote }}\n`,
    );
  }
  for (let i = 0; i < 20; i++) {
    writeFileSync(
      join(dir, 'templates', `svc-${i}.yaml`),
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc-${i}\nspec:\n  selector:\n    app: {{ .Release.Name }}\n  ports:\n  - port: {{ .Values.port }}\n`,
    );
  }
  return dir;
}

function hapiChart(dir) {
  const templates = readdirSync(join(dir, 'templates')).map((f) => ({
    name: `templates/${f}`,
    data: readFileSync(join(dir, 'templates', f)),
  }));
  return {
    metadata: { name: 'hundred', version: '1.0.0', apiVersion: 'v1', appVersion: '1.0' },
    templates,
    values: { raw: readFileSync(join(dir, 'values.yaml'), 'utf8') },
    dependencies: [],
    files: [],
  };
}

function startTillerProcess(namespace) {
  const child = spawn(
    process.execPath,
    [
      join(repo, 'packages/tiller/bin/tiller.js'),
      '--listen',
      '127.0.0.1:0',
      '--probe-listen',
      '',
      '--namespace',
      namespace,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'], env: process.env },
  );
  return new Promise((resolveAddr, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening (\S+)/.exec(out);
      if (m) resolveAddr({ child, address: m[1] });
    });
    child.on('exit', (c) => reject(new Error(`tiller exited ${c}`)));
  });
}

const unary = (client, method, req) =>
  new Promise((res, rej) => client[method](req, { deadline: Date.now() + 600_000 }, (e, r) => (e ? rej(e) : res(r))));
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

const chartDir = generateChart();
const chart = hapiChart(chartDir);
const tillerNs = ns('tiller');
const { child, address } = await startTillerProcess(tillerNs);
const client = proto.createReleaseServiceClient(address, grpc.credentials.createInsecure());
const results = { helmts: { install: [], upgrade: [] }, helm: { install: [], upgrade: [] } };
const namespaces = [tillerNs];
try {
  for (let r = 0; r < runs; r++) {
    const tns = ns(`t${r}`);
    const hns = ns(`h${r}`);
    namespaces.push(tns, hns);
    results.helmts.install.push(
      await time(() => unary(client, 'InstallRelease', { chart, name: `tb${r}`, namespace: tns })),
    );
    results.helmts.upgrade.push(
      await time(() => unary(client, 'UpdateRelease', { name: `tb${r}`, chart, values: { raw: 'greeting: bye\n' } })),
    );
    const h = (argv) => execFileSync(helm, [...argv, '--kubeconfig', kubeconfig], { stdio: 'ignore' });
    results.helm.install.push(
      await time(async () => h(['install', `hb${r}`, chartDir, '-n', hns, '--create-namespace'])),
    );
    results.helm.upgrade.push(
      await time(async () => h(['upgrade', `hb${r}`, chartDir, '-n', hns, '--set', 'greeting=bye'])),
    );
  }
  console.log(`100-object chart (60 ConfigMaps, 20 Secrets, 20 Services), median of ${runs}:`);
  console.log(
    `  install   helmts Tiller ${fmt(median(results.helmts.install))}   helm ${fmt(median(results.helm.install))}`,
  );
  console.log(
    `  upgrade   helmts Tiller ${fmt(median(results.helmts.upgrade))}   helm ${fmt(median(results.helm.upgrade))}`,
  );

  if (!skipList) {
    // 10 000 revisions: 100 releases x 100 revisions, written straight into ConfigMaps
    const listNs = ns('list');
    namespaces.push(listNs);
    await core.createNamespace({ body: { metadata: { name: listNs } } });
    const driver = new tillerLib.ConfigMapDriver({ namespace: listNs, kubeConfig: kc });
    const perRelease = 100;
    const releases = Math.ceil(revisions / perRelease);
    const jobs = [];
    for (let i = 0; i < releases; i++)
      for (let v = 1; v <= perRelease && jobs.length < revisions; v++) jobs.push([i, v]);
    const tw = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < jobs.length) {
          const [i, v] = jobs[next++];
          const name = `rel-${String(i).padStart(3, '0')}`;
          await driver.create(`${name}.v${v}`, {
            name,
            version: v,
            namespace: 'default',
            manifest: `\n---\n# Source: x/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`,
            chart: { metadata: { name: 'x', version: '1.0.0' } },
            config: { raw: '' },
            info: { status: { code: v === perRelease ? 'DEPLOYED' : 'SUPERSEDED' }, Description: 'bench' },
          });
        }
      }),
    );
    console.log(`  (wrote ${jobs.length} records in ${fmt(performance.now() - tw)})`);
    const { child: lchild, address: laddr } = await startTillerProcess(listNs);
    const lclient = proto.createReleaseServiceClient(laddr, grpc.credentials.createInsecure());
    const all = [
      'UNKNOWN',
      'DEPLOYED',
      'DELETED',
      'DELETING',
      'FAILED',
      'SUPERSEDED',
      'PENDING_INSTALL',
      'PENDING_UPGRADE',
      'PENDING_ROLLBACK',
    ];
    const listOnce = async (req) => {
      let n = 0;
      for await (const page of lclient.ListReleases(req)) n += page.releases.length;
      return n;
    };
    const times = [];
    let count = 0;
    for (let r = 0; r < runs; r++)
      times.push(await time(async () => (count = await listOnce({ status_codes: all, limit: revisions }))));
    const deployedTimes = [];
    let deployed = 0;
    for (let r = 0; r < runs; r++) deployedTimes.push(await time(async () => (deployed = await listOnce({}))));
    console.log(
      `list over ${jobs.length} stored revisions (ConfigMaps): all statuses -> ${count} records ${fmt(median(times))}; default (DEPLOYED) -> ${deployed} ${fmt(median(deployedTimes))}`,
    );
    lclient.close();
    lchild.kill('SIGTERM');
  }
} finally {
  client.close();
  child.kill('SIGTERM');
  for (const n of namespaces) await core.deleteNamespace({ name: n }).catch(() => {});
}
