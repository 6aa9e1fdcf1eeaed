import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type V1ConfigMap,
  type V1Deployment,
} from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor, uniqueNamespace, type ClusterInfo } from '../src/index.js';

async function expectApiError(p: Promise<unknown>, code: number): Promise<ApiException<unknown>> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiException, `expected an ApiException, got ${String(e)}`);
    assert.equal(e.code, code, `expected HTTP ${code}, got ${e.code}: ${statusMessage(e)}`);
    return e;
  }
  assert.fail(`expected HTTP ${code}, but the request succeeded`);
}

/** The `message` of the Kubernetes Status in an ApiException body (a JSON string in client-node 1.x). */
function statusMessage(e: ApiException<unknown>): string {
  let body: unknown = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return body as string;
    }
  }
  return (body as { message?: string } | undefined)?.message ?? String(e.body);
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('@cluster local Kubernetes API server', function () {
  let cluster: ClusterInfo;
  let kc: KubeConfig;
  let core: CoreV1Api;
  const ns = uniqueNamespace('testkit');

  before(async function () {
    this.timeout(0);
    cluster = await ensureCluster(); // memoized: the root hook already did it
    kc = kubeConfigFor(cluster);
    core = kc.makeApiClient(CoreV1Api);
  });

  after(async function () {
    if (core) await core.deleteNamespace({ name: ns }).catch(() => {});
  });

  it('reports a real version and lists the default namespaces with kubectl', function () {
    assert.match(cluster.version, /^v1\.\d+\.\d+/);
    const out = execFileSync('kubectl', ['--kubeconfig', cluster.kubeconfig, 'get', 'ns', '-o', 'name'], {
      encoding: 'utf8',
    });
    for (const n of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      assert.ok(out.includes(`namespace/${n}`), `kubectl get ns lacks ${n}:\n${out}`);
    }
  });

  it('creates a namespace and a ConfigMap', async function () {
    await core.createNamespace({ body: { metadata: { name: ns, labels: { 'helmts.test/suite': 'testkit' } } } });
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'settings', labels: { app: 'demo' } }, data: { greeting: 'hello' } },
    });
    assert.ok(created.metadata?.resourceVersion);
    const read = await core.readNamespacedConfigMap({ name: 'settings', namespace: ns });
    assert.equal(read.data?.greeting, 'hello');
    const listed = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'app=demo' });
    assert.deepEqual(
      listed.items.map((c) => c.metadata?.name),
      ['settings'],
    );
  });

  it('server-side-applies a Deployment with a field manager', async function () {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const deployment: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns, labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'registry.invalid/web:1.0' }] },
        },
      },
    };
    const applied = await objects.patch(
      deployment,
      undefined,
      undefined,
      'helmts-test',
      true,
      PatchStrategy.ServerSideApply,
    );
    const managers = applied.metadata?.managedFields ?? [];
    assert.ok(
      managers.some((m) => m.manager === 'helmts-test' && m.operation === 'Apply'),
      `no Apply entry for helmts-test in ${JSON.stringify(managers)}`,
    );

    // Re-apply with a change: the same manager owns the field, so no conflict.
    deployment.spec!.replicas = 3;
    await objects.patch(deployment, undefined, undefined, 'helmts-test', false, PatchStrategy.ServerSideApply);

    // Another manager changing a field owned by helmts-test, without force, gets a 409 conflict.
    const other: V1Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
      spec: { replicas: 5, selector: { matchLabels: { app: 'web' } }, template: deployment.spec!.template },
    };
    await expectApiError(
      objects.patch(other, undefined, undefined, 'someone-else', false, PatchStrategy.ServerSideApply),
      409,
    );

    const apps = kc.makeApiClient(AppsV1Api);
    const live = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
    assert.equal(live.spec?.replicas, 3);
  });

  it('rejects an update with a stale resourceVersion with 409 Conflict', async function () {
    const stale: V1ConfigMap = await core.readNamespacedConfigMap({ name: 'settings', namespace: ns });
    const fresh: V1ConfigMap = structuredClone(stale);
    fresh.data = { greeting: 'hi' };
    const updated = await core.replaceNamespacedConfigMap({ name: 'settings', namespace: ns, body: fresh });
    assert.notEqual(updated.metadata?.resourceVersion, stale.metadata?.resourceVersion);

    stale.data = { greeting: 'stale write' };
    const err = await expectApiError(
      core.replaceNamespacedConfigMap({ name: 'settings', namespace: ns, body: stale }),
      409,
    );
    assert.match(statusMessage(err), /the object has been modified/);
    const read = await core.readNamespacedConfigMap({ name: 'settings', namespace: ns });
    assert.equal(read.data?.greeting, 'hi');
  });

  it('denies the restricted user dev with 403 Forbidden', async function () {
    assert.ok(cluster.restrictedContext, 'the kubeconfig has no `dev` context');
    const dev = kubeConfigFor(cluster, cluster.restrictedContext).makeApiClient(CoreV1Api);
    const err = await expectApiError(dev.listNamespacedConfigMap({ namespace: ns }), 403);
    assert.match(statusMessage(err), /User "dev" cannot list resource "configmaps"/);
    await expectApiError(dev.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'nope' } } }), 403);
  });

  it('runs controllers when kube-controller-manager is present (ReplicaSet, namespace deletion)', async function () {
    if (!cluster.controllerManager) this.skip(); // an apiserver-only cluster (HELMTS_CLUSTER_KCM=0)
    this.timeout(120_000);
    const apps = kc.makeApiClient(AppsV1Api);
    const rs = await eventually('a ReplicaSet for Deployment web', async () => {
      const l = await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' });
      return l.items.length > 0 ? l.items[0] : undefined;
    });
    assert.equal(rs.metadata?.ownerReferences?.[0]?.name, 'web');

    const tmp = uniqueNamespace('testkit-gone');
    await core.createNamespace({ body: { metadata: { name: tmp } } });
    await core.createNamespacedConfigMap({ namespace: tmp, body: { metadata: { name: 'x' } } });
    await core.deleteNamespace({ name: tmp });
    await eventually('namespace deletion', async () => {
      try {
        await core.readNamespace({ name: tmp });
        return undefined;
      } catch (e) {
        return e instanceof ApiException && e.code === 404 ? true : undefined;
      }
    });
  });
});
