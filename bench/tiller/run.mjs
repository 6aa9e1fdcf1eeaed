#!/usr/bin/env node
// Tiller benchmark on the local cluster (scripts/local-cluster.sh), end to end through each client:
//  1. install, upgrade (--set) and delete --purge of a 100-object chart: helmts (CLI + its Tiller)
//     beside the real Helm 2.17 (helm + tiller, shared/tools/helm2-oracle.sh) and helm v4;
//  2. `list --all` over N stored revisions (ConfigMaps written as Tiller writes them), helmts beside
//     the real Helm 2.17, with both Tillers' RSS idle and after the lists.
// Ratios are against the faster Helm (apply) and against Helm 2 (list). Where NODE_EXTRA_CA_CERTS is
// set, helmts' client also runs without it (Node 20 reads the whole root store at start when it is).
//
//   node bench/tiller/run.mjs [--runs 3] [--revisions 1000,10000] [--skip-list] [--skip-apply]
//                             [--helm <helm v4>] [--helm2-dir <dir with helm and tiller>]
//
// Needs `npm run build` first. Creates namespaces bench-*, deletes them at the end.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
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
const helm4 = [
  opt('--helm', process.env.HELM_BIN),
  '/tmp/helmbin/helm/helm',
  join(homedir(), '.cache/helmts/helm-oracle/helm/helm'),
].find((p) => p && existsSync(p));
const runs = Number(opt('--runs', '3'));
const revisionCounts = opt('--revisions', '1000,10000').split(',').map(Number);
const skipList = args.includes('--skip-list');
const skipApply = args.includes('--skip-apply');
const cli = join(repo, 'packages/core/bin/run.cjs');

const check = preflight('bench/tiller');
const helm2Dir = await check.helm2(opt('--helm2-dir', process.env.HELM2_DIR));
check.build('packages/tiller/dist/index.js', 'packages/core/bin/run.cjs', 'packages/plugin-release/dist/plugin.cjs');
// helm v4 is optional here (its column stays empty); Helm 2.17 comes from helm2-oracle.sh.
const kubeconfig = await check.cluster();
process.env.KUBECONFIG = kubeconfig;

const { KubeConfig, CoreV1Api } = await import(join(repo, 'node_modules/@kubernetes/client-node/dist/index.js'));
const tillerLib = await import(join(repo, 'packages/tiller/dist/index.js'));

const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
const stamp = Date.now().toString(36);
const ns = (s) => `bench-${s}-${stamp}`;
const homes = mkdtempSync(join(tmpdir(), 'helmts-tiller-bench-home-'));

function generateChart() {
  const dir = join(homes, 'chart', 'hundred');
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

const rssMiB = (pid) =>
  Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms === undefined ? '   -   ' : `${(ms / 1000).toFixed(2)} s`);
const ratio = (a, b) => (a === undefined || b === undefined ? '-' : `${(a / b).toFixed(2)}x`);
const timeRun = (bin, argv, env) => {
  const t = performance.now();
  execFileSync(bin, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  return performance.now() - t;
};
const helmtsEnv = (address) => ({ HELMTS_HOST: address, HELMTS_HOME: join(homes, 'helmts') });
const helm2Env = { HELM_HOME: join(homes, 'helm2') };
mkdirSync(helm2Env.HELM_HOME, { recursive: true });
const helmts = (address, argv) => timeRun(process.execPath, [cli, ...argv], helmtsEnv(address));
// Node 20 reads its whole root store and the named file at every start when NODE_EXTRA_CA_CERTS is
// set (~40 ms here; Helm, in Go, does not): where it is, the client also runs without it.
const extraCaCerts = Boolean(process.env.NODE_EXTRA_CA_CERTS);
const helmtsBare = (address, argv) =>
  timeRun(process.execPath, [cli, ...argv], { ...helmtsEnv(address), NODE_EXTRA_CA_CERTS: undefined });
const helm2 = (address, argv) => timeRun(join(helm2Dir, 'helm'), ['--host', address, ...argv], helm2Env);
const v4Env = {
  HELM_CACHE_HOME: join(homes, 'v4/cache'),
  HELM_CONFIG_HOME: join(homes, 'v4/config'),
  HELM_DATA_HOME: join(homes, 'v4/data'),
};
const helmv4 = (argv) => timeRun(helm4, [...argv, '--kubeconfig', kubeconfig], v4Env);

/** A stored revision as Tiller writes it after a completed install or upgrade. */
function storedRevision(name, version, deployed) {
  const seconds = 1_700_000_000 + version * 60;
  return {
    name,
    version,
    namespace: 'default',
    manifest: `\n---\n# Source: x/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  revision: "${version}"\n`,
    chart: {
      metadata: { name: 'x', version: '1.0.0', apiVersion: 'v1', appVersion: '1.0', description: 'bench' },
      templates: [{ name: 'templates/cm.yaml', data: Buffer.from('apiVersion: v1\nkind: ConfigMap\n') }],
      values: { raw: 'greeting: hello\n' },
    },
    config: { raw: `greeting: v${version}\n` },
    info: {
      status: { code: deployed ? 'DEPLOYED' : 'SUPERSEDED' },
      first_deployed: { seconds: 1_700_000_000, nanos: 0 },
      last_deployed: { seconds, nanos: 0 },
      Description: version === 1 ? 'Install complete' : 'Upgrade complete',
    },
  };
}

const namespaces = [];
const children = [];
try {
  if (!skipApply) {
    const chartDir = generateChart();
    const tillerNs = ns('tiller');
    const helm2Ns = ns('tiller2');
    namespaces.push(tillerNs, helm2Ns);
    await core.createNamespace({ body: { metadata: { name: helm2Ns } } });
    const ours = await startHelmtsTiller(tillerNs);
    const theirs = await startHelm2Tiller(helm2Dir, helm2Ns);
    children.push(ours.child, theirs.child);
    const t = { helmts: {}, bare: {}, helm2: {}, helm4: {} };
    const add = (who, what, ms) => (t[who][what] ??= []).push(ms);
    for (let r = 0; r < runs; r++) {
      const [a, b, c, d] = [ns(`t${r}`), ns(`h${r}`), ns(`v${r}`), ns(`n${r}`)];
      namespaces.push(a, b, c, d);
      add('helmts', 'install', helmts(ours.address, ['install', chartDir, '--name', `tb${r}`, '--namespace', a]));
      add('helmts', 'upgrade', helmts(ours.address, ['upgrade', `tb${r}`, chartDir, '--set', 'greeting=bye']));
      add('helmts', 'delete', helmts(ours.address, ['delete', '--purge', `tb${r}`]));
      if (extraCaCerts) {
        add('bare', 'install', helmtsBare(ours.address, ['install', chartDir, '--name', `nb${r}`, '--namespace', d]));
        add('bare', 'upgrade', helmtsBare(ours.address, ['upgrade', `nb${r}`, chartDir, '--set', 'greeting=bye']));
        add('bare', 'delete', helmtsBare(ours.address, ['delete', '--purge', `nb${r}`]));
      }
      add('helm2', 'install', helm2(theirs.address, ['install', chartDir, '--name', `hb${r}`, '--namespace', b]));
      add('helm2', 'upgrade', helm2(theirs.address, ['upgrade', `hb${r}`, chartDir, '--set', 'greeting=bye']));
      add('helm2', 'delete', helm2(theirs.address, ['delete', '--purge', `hb${r}`]));
      if (helm4) {
        add('helm4', 'install', helmv4(['install', `vb${r}`, chartDir, '-n', c, '--create-namespace']));
        add('helm4', 'upgrade', helmv4(['upgrade', `vb${r}`, chartDir, '-n', c, '--set', 'greeting=bye']));
        add('helm4', 'delete', helmv4(['uninstall', `vb${r}`, '-n', c]));
      }
    }
    console.log(`100-object chart (60 ConfigMaps, 20 Secrets, 20 Services), client + Tiller, median of ${runs}:`);
    console.log(
      '            helmts     Helm 2.17  helm v4    helmts / faster Helm (target)' +
        (extraCaCerts ? '   helmts without NODE_EXTRA_CA_CERTS' : ''),
    );
    const targets = { install: '<= 0.8x', upgrade: '<= 0.6x', delete: '<= 0.8x' };
    for (const what of ['install', 'upgrade', 'delete']) {
      const [a, b, c, d] = ['helmts', 'helm2', 'helm4', 'bare'].map((w) =>
        t[w][what] ? median(t[w][what]) : undefined,
      );
      const faster = c === undefined ? b : Math.min(b, c);
      console.log(
        `  ${what.padEnd(9)} ${fmt(a)}   ${fmt(b)}   ${fmt(c)}   ${ratio(a, faster)} (${targets[what]})` +
          (d === undefined ? '' : `          ${fmt(d)}, ${ratio(d, faster)}`),
      );
      if (process.env.BENCH_RAW)
        for (const w of ['helmts', 'bare', 'helm2', 'helm4'])
          if (t[w][what]) console.log(`    ${w}: ${t[w][what].map((ms) => (ms / 1000).toFixed(2)).join(' ')}`);
    }
  }

  if (!skipList) {
    // 100 revisions per release, the last one DEPLOYED, written straight into ConfigMaps.
    const listNs = ns('list');
    namespaces.push(listNs);
    await core.createNamespace({ body: { metadata: { name: listNs } } });
    const driver = new tillerLib.ConfigMapDriver({ namespace: listNs, kubeConfig: kc });
    const perRelease = 100;
    let written = 0;
    console.log('list --all over N stored revisions, client + Tiller (ratio target <= 0.5x Helm 2):');
    for (const total of [...revisionCounts].sort((a, b) => a - b)) {
      const jobs = [];
      for (let k = written; k < total; k++) jobs.push([Math.floor(k / perRelease), (k % perRelease) + 1]);
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < jobs.length) {
            const [i, v] = jobs[next++];
            const name = `rel-${String(i).padStart(4, '0')}`;
            const last =
              v === perRelease || (i === Math.floor((total - 1) / perRelease) && v === ((total - 1) % perRelease) + 1);
            await driver.create(`${name}.v${v}`, storedRevision(name, v, last));
          }
        }),
      );
      written = total;
      const ours = await startHelmtsTiller(listNs);
      const theirs = await startHelm2Tiller(helm2Dir, listNs);
      await new Promise((r) => setTimeout(r, 2000));
      const idle = [rssMiB(ours.child.pid), rssMiB(theirs.child.pid)];
      const listArgs = ['list', '--all', '--max', String(total + 1)];
      const a = median(Array.from({ length: runs }, () => helmts(ours.address, listArgs)));
      const b = median(Array.from({ length: runs }, () => helm2(theirs.address, listArgs)));
      const c = extraCaCerts
        ? median(Array.from({ length: runs }, () => helmtsBare(ours.address, listArgs)))
        : undefined;
      // as `idle`, 2 s after: what each Tiller keeps, not what it has not given back yet
      await new Promise((r) => setTimeout(r, 2000));
      const after = [rssMiB(ours.child.pid), rssMiB(theirs.child.pid)];
      console.log(
        `  ${String(total).padStart(6)} revisions: helmts ${fmt(a)}  Helm 2 ${fmt(b)}  ${ratio(a, b)}` +
          (c === undefined ? '' : ` (without NODE_EXTRA_CA_CERTS ${fmt(c)}, ${ratio(c, b)})`) +
          ';' +
          `  Tiller RSS idle/after: helmts ${idle[0].toFixed(0)}/${after[0].toFixed(0)} MiB, Helm 2 ${idle[1].toFixed(0)}/${after[1].toFixed(0)} MiB`,
      );
      ours.child.kill('SIGTERM');
      theirs.child.kill('SIGTERM');
    }
  }
} finally {
  for (const c of children) c.kill('SIGTERM');
  for (const n of namespaces) await core.deleteNamespace({ name: n }).catch(() => {});
  rmSync(homes, { recursive: true, force: true });
}
