// A kubeconfig whose user is a ServiceAccount bearer token, as Tiller has inside a pod: raw
// requests (discovery, status) must carry the token, not go out anonymous.
import assert from 'node:assert/strict';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor, uniqueNamespace } from '@helmts/testkit';
import { KubeClient } from '../src/kube/kube-client.js';

describe('KubeClient with a service-account token', function () {
  this.timeout(60_000);
  let admin: KubeConfig;
  let ns: string;

  before(async () => {
    admin = kubeConfigFor(await ensureCluster());
    ns = uniqueNamespace('sa-token');
    const core = admin.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'tiller' } } });
  });
  after(async () => {
    await admin
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: ns })
      .catch(() => {});
  });

  it('sends the bearer token on raw requests (discovery answers, no 401/403)', async () => {
    const core = admin.makeApiClient(CoreV1Api);
    const { status } = await core.createNamespacedServiceAccountToken({
      name: 'tiller',
      namespace: ns,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const cluster = admin.getCurrentCluster()!;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [cluster],
      users: [{ name: 'sa', token: status!.token }],
      contexts: [{ name: 'sa', cluster: cluster.name, user: 'sa', namespace: ns }],
      currentContext: 'sa',
    });
    const client = new KubeClient(kc, { attempts: 1 });
    const api = (await client.request('/api/v1')) as { resources?: unknown[] };
    assert.ok(Array.isArray(api.resources) && api.resources.length > 0);
    assert.equal(await client.isNamespaced('v1', 'ConfigMap'), true);
  });
});
