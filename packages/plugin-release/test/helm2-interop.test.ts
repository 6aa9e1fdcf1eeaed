import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { ApiextensionsV1Api, AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { startTiller, silentLogger, type TillerHandle } from '@helmts/tiller';
import { helm2Oracle, kubeConfigFor, runHelmtsAsync, uniqueNamespace } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';
import { freePort } from '@helmts/testkit';

const run = promisify(execFile);
const dialectsChart = fileURLToPath(new URL('fixtures/dialects', import.meta.url));
const yaml11Chart = fileURLToPath(new URL('fixtures/yaml11', import.meta.url));

/**
 * helmts' Tiller against the real Helm 2.17.0 (helm and tiller built by shared/tools/helm2-oracle.sh):
 * for the same chart and values both Tillers store the same manifest (Tiller renders in the helm2
 * dialect), and each side reads and changes the releases the other one wrote.
 */
/**
 * A stored manifest as the groups Helm 2's order fixes: documents run by kind, then template path,
 * but documents of one kind from one template file come out in random order from the real Tiller
 * (its sort is not stable and it collects a file's documents from a Go map: ../shared/reference/
 * helm2.md section 5.3), so within such a group only the set of documents is compared.
 */
function inHelm2Order(manifest: string): string[][] {
  const groups: { key: string; docs: string[] }[] = [];
  for (const doc of manifest.split(/^---\n/m).filter((d) => d.trim() !== '')) {
    const key = `${/^# Source: (.*)$/m.exec(doc)?.[1]}|${/^kind: (.*)$/m.exec(doc)?.[1]}`;
    const last = groups.at(-1);
    if (last?.key === key) last.docs.push(doc);
    else groups.push({ key, docs: [doc] });
  }
  return groups.map((g) => [g.key, ...g.docs.sort()]);
}

describe('interop with the real Helm 2.17.0 client and Tiller @cluster', function () {
  this.timeout(600_000);
  let helm2Dir: string;
  let scratch: string;
  let kubeconfig: string;
  let core: CoreV1Api;
  let ours: TillerHandle;
  const realTillers: ChildProcess[] = [];
  const ns = {
    realTiller: uniqueNamespace('h2-tiller-real'),
    ourTiller: uniqueNamespace('h2-tiller-ours'),
    realApps: uniqueNamespace('h2-apps-real'),
    ourApps: uniqueNamespace('h2-apps-ours'),
  };
  let realAddress: string;

  /** The real Helm 2.17 tiller storing in ConfigMaps of `namespace`; resolves when it is ready. */
  async function startRealTiller(namespace: string): Promise<string> {
    const [port, probe] = [await freePort(), await freePort()];
    const child = spawn(
      join(helm2Dir, 'tiller'),
      ['--listen', `127.0.0.1:${port}`, '--probe-listen', `127.0.0.1:${probe}`, '--storage', 'configmap'],
      { stdio: 'ignore', env: { ...process.env, KUBECONFIG: kubeconfig, TILLER_NAMESPACE: namespace } },
    );
    realTillers.push(child);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the real tiller exited with ${child.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${probe}/readiness`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return `127.0.0.1:${port}`;
      if (Date.now() > deadline) throw new Error('the real tiller was not ready within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The real `helm` client, at the Tiller on `host`. */
  async function helm(host: string, args: string[]): Promise<string> {
    const { stdout } = await run(join(helm2Dir, 'helm'), ['--host', host, ...args], {
      env: { ...process.env, HOME: scratch, HELM_HOME: join(scratch, 'helm-home'), KUBECONFIG: kubeconfig },
    });
    return stdout;
  }

  /** helmts' client, at the Tiller on `host`. */
  async function helmts(host: string, args: string[]): Promise<string> {
    const r = await runHelmtsAsync(args, {
      env: { HELMTS_HOME: join(scratch, 'helmts-home'), HELMTS_HOST: host, KUBECONFIG: kubeconfig },
    });
    assert.equal(r.status, 0, `helmts ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  before(async function () {
    const cluster = hookCluster();
    assert.ok(cluster, 'the cluster hook did not run');
    kubeconfig = cluster.kubeconfig;
    helm2Dir = helm2Oracle();
    scratch = mkdtempSync(join(tmpdir(), 'helmts-helm2-interop-'));
    const kc = kubeConfigFor(cluster);
    core = kc.makeApiClient(CoreV1Api);
    for (const name of Object.values(ns)) await core.createNamespace({ body: { metadata: { name } } });
    await run(join(helm2Dir, 'helm'), ['init', '--client-only', '--skip-repos'], {
      env: { ...process.env, HOME: scratch, HELM_HOME: join(scratch, 'helm-home') },
    });
    // Helm 2.17's own scaffold: what a Helm 2 team installs first.
    await run(join(helm2Dir, 'helm'), ['create', join(scratch, 'scaffold')], {
      env: { ...process.env, HOME: scratch, HELM_HOME: join(scratch, 'helm-home') },
    });
    cpSync(dialectsChart, join(scratch, 'dialects'), { recursive: true });
    realAddress = await startRealTiller(ns.realTiller);
    ours = await startTiller({
      listen: '127.0.0.1:0',
      storage: 'configmap',
      namespace: ns.ourTiller,
      kubeConfig: kc,
      logger: silentLogger,
    });
  });

  after(async function () {
    this.timeout(120_000);
    for (const child of realTillers) child.kill();
    await ours?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    for (const name of Object.values(ns)) await core?.deleteNamespace({ name }).catch(() => undefined);
  });

  for (const chart of ['scaffold', 'dialects']) {
    it(`stores the same manifest as the real Tiller for the ${chart} chart`, async () => {
      const args = ['install', join(scratch, chart), '--name', chart, '--set', 'replicaCount=2'];
      await helm(realAddress, [...args, '--namespace', ns.realApps]);
      await helm(ours.address, [...args, '--namespace', ns.ourApps]);
      const real = await helm(realAddress, ['get', 'manifest', chart]);
      const mine = await helm(ours.address, ['get', 'manifest', chart]);
      assert.match(real, /(heritage|app.kubernetes.io\/managed-by): Tiller\n/);
      assert.deepEqual(inHelm2Order(mine), inHelm2Order(real));
      // and helmts' client prints the real Tiller's record unchanged
      assert.equal(await helmts(realAddress, ['get', 'manifest', chart]), real);
    });
  }

  it("applies the objects the real Tiller applies: YAML 1.1 keys and octal, timestamps as text, a CRD's x-kubernetes-* fields", async () => {
    const chart = yaml11Chart;
    await helm(realAddress, ['install', chart, '--name', 'yaml11', '--namespace', ns.realApps]);
    await helm(ours.address, ['install', chart, '--name', 'yaml11', '--namespace', ns.ourApps]);
    const kc = kubeConfigFor(hookCluster()!);
    const crds = kc.makeApiClient(ApiextensionsV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    try {
      const live = async (namespace: string) => {
        const cm = await core.readNamespacedConfigMap({ name: 'yaml11', namespace });
        const deployment = await apps.readNamespacedDeployment({ name: 'yaml11', namespace });
        const crd = await crds.readCustomResourceDefinition({ name: `widgets.${namespace}.example.com` });
        return {
          data: cm.data,
          at: cm.metadata?.annotations?.at,
          mode: deployment.spec?.template.spec?.volumes?.[0]?.secret?.defaultMode,
          schema: crd.spec.versions[0]?.schema,
        };
      };
      const real = await live(ns.realApps);
      assert.deepEqual(real.data, { false: '6', true: '8', plain: 'x' });
      assert.equal(real.mode, 0o640);
      assert.equal(real.at, '2024-01-02');
      // client-node's model names the field x_kubernetes_preserve_unknown_fields
      assert.equal(real.schema?.openAPIV3Schema?.x_kubernetes_preserve_unknown_fields, true);
      assert.deepEqual(await live(ns.ourApps), real);
    } finally {
      for (const namespace of [ns.realApps, ns.ourApps])
        await crds.deleteCustomResourceDefinition({ name: `widgets.${namespace}.example.com` }).catch(() => undefined);
    }
  });

  it("user nulls: the same .Values and get values --all as Helm 2's Tiller and client (dropped, not kept as null)", async () => {
    const chart = join(scratch, 'nulls');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: nulls\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'keep: 1\nann: {}\nnested: {a: 1, b: {c: 2}}\n');
    writeFileSync(
      join(chart, 'templates', 'values.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "{{ .Release.Name }}"}\ndata: {values: {{ toJson .Values | quote }}}\n',
    );
    const args = ['install', chart, '--name', 'nulls', '--set', 'new=null,keep=null,ann.a=null,nested.b.z=null'];
    await helm(realAddress, [...args, '--namespace', ns.realApps]);
    await helm(ours.address, [...args, '--namespace', ns.ourApps]);
    const real = await helm(realAddress, ['get', 'manifest', 'nulls']);
    assert.match(real, /values: "\{\\"ann\\":\{\},\\"nested\\":\{\\"a\\":1,\\"b\\":\{\\"c\\":2\}\}\}"/);
    assert.equal(await helm(ours.address, ['get', 'manifest', 'nulls']), real);
    // the client computes --all itself: helmts' as Helm 2's does, against either Tiller
    const all = await helm(realAddress, ['get', 'values', 'nulls', '--all']);
    assert.equal(await helmts(realAddress, ['get', 'values', 'nulls', '--all']), all);
    assert.equal(await helmts(ours.address, ['get', 'values', 'nulls', '--all']), all);
  });

  it('a chart whose version Helm 2 never checks installs through either client at either Tiller', async () => {
    const chart = join(scratch, 'loose');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: loose\nversion: bad\n');
    writeFileSync(
      join(chart, 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "{{ .Release.Name }}"}\ndata: {chart: "{{ .Chart.Name }}-{{ .Chart.Version }}"}\n',
    );
    await helm(realAddress, ['install', chart, '--name', 'loose', '--namespace', ns.realApps]);
    await helm(ours.address, ['install', chart, '--name', 'loose', '--namespace', ns.ourApps]);
    const real = await helm(realAddress, ['get', 'manifest', 'loose']);
    assert.match(real, /chart: "loose-bad"/);
    assert.equal(await helm(ours.address, ['get', 'manifest', 'loose']), real);
    // helmts' client loads it as Helm 2's does (only --dialect helm3 checks the version)
    await helmts(realAddress, ['install', chart, '--name', 'loose2', '--namespace', ns.realApps]);
    await helmts(ours.address, ['install', chart, '--name', 'loose2', '--namespace', ns.ourApps]);
    const listed = await helm(ours.address, ['list', 'loose2']);
    assert.match(listed, /loose2\s+1\s+.*DEPLOYED\s+loose-bad\s/);
    const viaReal = await helm(realAddress, ['get', 'manifest', 'loose2']);
    assert.match(viaReal, /chart: "loose-bad"/);
    assert.equal(await helm(ours.address, ['get', 'manifest', 'loose2']), viaReal);
  });

  it('each Tiller reads and upgrades the releases the other wrote (Helm 2 records both ways)', async () => {
    // helmts' Tiller over the real Tiller's ConfigMaps, and the real tiller over ours.
    const oursOverReal = await startTiller({
      listen: '127.0.0.1:0',
      storage: 'configmap',
      namespace: ns.realTiller,
      kubeConfig: kubeConfigFor(hookCluster()!),
      logger: silentLogger,
    });
    try {
      await helmts(oursOverReal.address, ['upgrade', 'scaffold', join(scratch, 'scaffold'), '--set', 'replicaCount=3']);
      const history = await helm(realAddress, ['history', 'scaffold']);
      assert.match(history, /^1\s.*SUPERSEDED/m);
      assert.match(history, /^2\s.*DEPLOYED/m);
      assert.match(await helm(realAddress, ['get', 'values', 'scaffold']), /replicaCount: 3/);
    } finally {
      await oursOverReal.stop();
    }
    const realOverOurs = await startRealTiller(ns.ourTiller);
    await helm(realOverOurs, ['upgrade', 'dialects', join(scratch, 'dialects'), '--reuse-values']);
    await helm(realOverOurs, ['rollback', 'dialects', '1']);
    const history = await helmts(ours.address, ['history', 'dialects']);
    assert.match(history, /^3\s.*DEPLOYED.*Rollback to 1/m);
    assert.match(await helmts(ours.address, ['get', 'values', 'dialects']), /replicaCount: 2/);
  });
});
