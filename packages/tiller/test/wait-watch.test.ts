// --wait sees readiness through watches: with polling effectively off (one look every 10 min), an
// install --wait of Deployments on the real node still ends once their pods are Ready, and an
// upgrade --wait waits for the new ReplicaSet's pods, not the old ones.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { AppsV1Api } from '@kubernetes/client-node';
import { clusterNode, ensureCluster, type ClusterNode } from '@helmts/testkit';
import { call, makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';

const deployment = (n: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-d${n}\nspec:\n  selector:\n    matchLabels: {app: {{ .Release.Name }}-d${n}}\n  template:\n    metadata:\n      labels: {app: {{ .Release.Name }}-d${n}}\n    spec:\n      terminationGracePeriodSeconds: 0\n      containers:\n      - name: c\n        image: {{ .Values.image }}\n        imagePullPolicy: Never\n        command: [sh, -c, 'sleep {{ .Values.delay }}; touch /tmp/ready; exec sleep 3600']\n        readinessProbe:\n          exec: {command: [cat, /tmp/ready]}\n          periodSeconds: 1\n`;

describe('--wait through watches, on the real node @cluster', function () {
  this.timeout(240_000);
  let f: TillerFixture;
  let node: ClusterNode;
  before(async function () {
    const cluster = await ensureCluster();
    const found = await clusterNode(cluster);
    if (!found && process.env.HELMTS_CLUSTER_NODE === '0') this.skip(); // a control-plane-only cluster, asked for
    assert.ok(found, 'the local cluster has no Ready node (scripts/local-cluster.sh start runs one by default)');
    node = found;
    f = await startFixture({ pollMs: 600_000 });
  });
  after(async () => f?.close());

  const chart = makeChart(
    { 'templates/d0.yaml': deployment(0), 'templates/d1.yaml': deployment(1), 'templates/d2.yaml': deployment(2) },
    'delay: 1\n',
  );

  it('install --wait returns with every Deployment ready though it never polls', async () => {
    const res = await call<unknown, { release: { info: { status: { code: string } } } }>(f.client, 'InstallRelease', {
      chart,
      name: 'watched',
      namespace: f.releaseNs,
      wait: true,
      timeout: 180,
      values: { raw: `image: ${node.busyboxImage}\n` },
    });
    assert.equal(res.release.info.status.code, 'DEPLOYED');
    const apps = f.kc.makeApiClient(AppsV1Api);
    for (const n of [0, 1, 2]) {
      const d = await apps.readNamespacedDeployment({ name: `watched-d${n}`, namespace: f.releaseNs });
      assert.equal(d.status?.readyReplicas, 1, `watched-d${n} ready when install returned`);
    }
  });

  it('upgrade --wait waits for the new pods (the old ones are ready already)', async () => {
    const res = await call<unknown, { release: { version: number; info: { status: { code: string } } } }>(
      f.client,
      'UpdateRelease',
      {
        name: 'watched',
        chart,
        wait: true,
        timeout: 180,
        values: { raw: `image: ${node.busyboxImage}\ndelay: 2\n` },
      },
    );
    assert.equal(res.release.version, 2);
    const apps = f.kc.makeApiClient(AppsV1Api);
    for (const n of [0, 1, 2]) {
      // The Deployment's own readyReplicas may still count the old pod (it is ready until the rollout
      // scales it down, after --wait has returned), so the claim is checked on the new ReplicaSet: the
      // one of the Deployment's current revision, whose pod runs `sleep 2`.
      const name = `watched-d${n}`;
      const d = await apps.readNamespacedDeployment({ name, namespace: f.releaseNs });
      const revision = d.metadata?.annotations?.['deployment.kubernetes.io/revision'];
      assert.equal(revision, '2', `${name} rolled out a second time`);
      const sets = await apps.listNamespacedReplicaSet({ namespace: f.releaseNs, labelSelector: `app=${name}` });
      const current = sets.items.filter(
        (rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision,
      );
      assert.equal(current.length, 1, `${name} has one ReplicaSet of revision ${revision}`);
      assert.match(JSON.stringify(current[0]!.spec?.template?.spec?.containers?.[0]?.command), /sleep 2;/);
      assert.equal(current[0]!.status?.readyReplicas, 1, `${name}'s new pod was ready when upgrade returned`);
    }
  });
});
