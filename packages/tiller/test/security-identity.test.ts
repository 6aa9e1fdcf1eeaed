// Identity from a forwarded bearer token (TokenReview) and impersonation, against the local
// apiserver: a ServiceAccount token is who the caller is; a bad token is refused.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { CoreV1Api, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { createReleaseServiceClient, type ReleaseServiceClient } from '@helmts/proto';
import { ensureCluster, kubeConfigFor, uniqueNamespace } from '@helmts/testkit';
import { startTiller, silentLogger, type TillerHandle } from '../src/index.js';
import { impersonatingKubeConfig } from '../src/security/impersonation.js';
import { KubeClient } from '../src/kube/kube-client.js';

describe('security: bearer tokens and impersonation @cluster', function () {
  this.timeout(120_000);
  let kc: KubeConfig;
  let core: CoreV1Api;
  let tiller: TillerHandle;
  let client: ReleaseServiceClient;
  let token: string;
  const audit: Record<string, unknown>[] = [];
  const tillerNs = uniqueNamespace('sec-id-tiller');
  const team = uniqueNamespace('sec-id-team');

  const withToken = (t: string) => {
    const md = new grpc.Metadata();
    md.set('authorization', `Bearer ${t}`);
    return md;
  };
  const history = (md: grpc.Metadata, name: string) =>
    new Promise<{ code: number; details: string }>((resolve) =>
      client.GetHistory({ name, max: 0 }, md, { deadline: Date.now() + 20_000 }, (err) =>
        resolve({ code: err?.code ?? 0, details: err?.details ?? '' }),
      ),
    );

  before(async () => {
    kc = kubeConfigFor(await ensureCluster());
    core = kc.makeApiClient(CoreV1Api);
    for (const ns of [tillerNs, team]) await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedServiceAccount({ namespace: team, body: { metadata: { name: 'ci' } } });
    const tr = await core.createNamespacedServiceAccountToken({
      name: 'ci',
      namespace: team,
      body: { spec: { audiences: [], expirationSeconds: 3600 } } as never,
    });
    token = tr.status!.token;
    tiller = await startTiller({
      listen: '127.0.0.1:0',
      storage: 'configmap',
      namespace: tillerNs,
      kubeConfig: kc,
      logger: silentLogger,
      authz: 'impersonate',
      audit: { onLine: (l) => audit.push(JSON.parse(l) as Record<string, unknown>) },
    });
    client = createReleaseServiceClient(tiller.address, grpc.credentials.createInsecure());
  });
  after(async () => {
    client?.close();
    await tiller?.stop();
    for (const ns of [tillerNs, team]) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('refuses an anonymous caller under --authz=impersonate', async () => {
    const r = await history(new grpc.Metadata(), 'x');
    assert.equal(r.code, grpc.status.UNAUTHENTICATED, r.details);
    assert.match(r.details, /cannot tell who you are/);
  });

  it('refuses a token the apiserver does not accept', async () => {
    const r = await history(withToken('not-a-token'), 'x');
    assert.equal(r.code, grpc.status.UNAUTHENTICATED, r.details);
    assert.match(r.details, /bearer token was rejected/);
    assert.equal(audit.at(-1)?.result, 'denied');
  });

  it('a ServiceAccount token names the caller (TokenReview) and its RBAC decides', async () => {
    const user = `system:serviceaccount:${team}:ci`;
    // a release of that name exists in another namespace: reading it needs permission there
    await tiller.context.storage.create({
      name: 'other',
      namespace: tillerNs,
      version: 1,
      info: { status: { code: 'DEPLOYED' as never } },
      manifest: '',
    } as never);
    const denied = await history(withToken(token), 'other');
    assert.equal(denied.code, grpc.status.PERMISSION_DENIED, denied.details);
    assert.match(denied.details, new RegExp(`user "${user}" may not get release "other"`));
    const line = audit.at(-1)!;
    assert.deepEqual([line.user, line.via, line.result, line.method], [user, 'token', 'denied', 'GetHistory']);
    assert.ok((line.groups as string[]).includes(`system:serviceaccounts:${team}`));

    await kc.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
      namespace: tillerNs,
      body: {
        metadata: { name: 'ci-reads-records' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name: 'ci', namespace: team }],
      },
    });
    const allowed = await history(withToken(token), 'other');
    assert.equal(allowed.code, grpc.status.OK, allowed.details);
  });

  it('an impersonating client sends the user and every group as separate headers', async () => {
    // groups with a comma-free name each; the apiserver must see both (a joined header would be one group)
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRoleBinding({
      namespace: team,
      body: {
        metadata: { name: 'group-b-view' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'Group', name: 'group-b', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    });
    const asUser = new KubeClient(
      impersonatingKubeConfig(kc, { user: 'nobody', groups: ['group-a', 'group-b'], via: 'certificate', peer: '' }),
    );
    const list = await asUser.list('v1', 'ConfigMap', team);
    assert.ok(Array.isArray(list));
    // raw requests too (status's server-side Tables, discovery): both groups, not one joined value
    const raw = (await asUser.request(`/api/v1/namespaces/${team}/configmaps`)) as { kind: string };
    assert.equal(raw.kind, 'ConfigMapList');
    const noGroups = new KubeClient(
      impersonatingKubeConfig(kc, { user: 'nobody', groups: ['group-a'], via: 'certificate', peer: '' }),
    );
    await assert.rejects(noGroups.list('v1', 'ConfigMap', team), (e: { code?: number }) => e.code === 403);
    await assert.rejects(
      noGroups.request(`/api/v1/namespaces/${team}/configmaps`),
      (e: { code?: number }) => e.code === 403,
    );
  });
});
