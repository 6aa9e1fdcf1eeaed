// Tiller inside a cluster authenticates with a ServiceAccount bearer token, not a client certificate.
// Its raw requests (discovery, status subresources) build their own headers: this checks that the
// token really goes out, against the real apiserver, with a token the apiserver issued.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor, uniqueNamespace } from '@helmts/testkit';
import { KubeClient } from '../src/kube/kube-client.js';

describe('KubeClient with a ServiceAccount token @cluster', function () {
  this.timeout(60_000);
  let admin: KubeConfig;
  let core: CoreV1Api;
  let tokenKc: KubeConfig;
  const ns = uniqueNamespace('sa-token');

  before(async () => {
    admin = kubeConfigFor(await ensureCluster());
    core = admin.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'tiller' } } });
    // rights to read ConfigMaps in its namespace only; discovery comes from system:authenticated
    await admin.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'tiller-view' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name: 'tiller', namespace: ns }],
      },
    });
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'tiller',
      namespace: ns,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const token = tr.status!.token;
    assert.ok(token, 'the apiserver issued a token');
    const cluster = admin.getCurrentCluster()!;
    tokenKc = new KubeConfig();
    tokenKc.loadFromOptions({
      clusters: [{ name: 'c', server: cluster.server, caData: cluster.caData, caFile: cluster.caFile }],
      users: [{ name: 'sa', token }],
      contexts: [{ name: 'sa', cluster: 'c', user: 'sa' }],
      currentContext: 'sa',
    });
    // the token itself is good: the generated client (which builds its own headers) is let in
    await tokenKc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: ns });
  });
  after(async () => {
    await core?.deleteNamespace({ name: ns }).catch(() => {});
  });

  it('raw discovery (/api/v1) carries the bearer token', async () => {
    const kube = new KubeClient(tokenKc, { attempts: 1 });
    const list = (await kube.request('/api/v1')) as { resources?: { name: string }[] };
    assert.ok(list.resources?.some((r) => r.name === 'configmaps'));
    assert.equal(await kube.isNamespaced('v1', 'ConfigMap'), true);
  });

  it('a raw request needing RBAC rights is made as the ServiceAccount', async () => {
    const kube = new KubeClient(tokenKc, { attempts: 1 });
    const list = (await kube.request(`/api/v1/namespaces/${ns}/configmaps`)) as { kind: string };
    assert.equal(list.kind, 'ConfigMapList');
    // and what the ServiceAccount may not do is still refused as that ServiceAccount
    await assert.rejects(kube.request('/api/v1/namespaces/default/secrets'), (e: { code?: number; body?: string }) => {
      assert.equal(e.code, 403);
      assert.match(e.body ?? '', new RegExp(`system:serviceaccount:${ns}:tiller`));
      return true;
    });
  });
});
