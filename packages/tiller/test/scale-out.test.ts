// Three Tiller processes sharing one storage namespace, as `helmts init --replicas 3` runs them:
// operations on one release serialize through its Lease (never two revisions with one number, never
// two DEPLOYED), and operations on different releases proceed side by side.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { after, before, describe, it } from 'mocha';
import { CoreV1Api } from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor, uniqueNamespace } from '@helmts/testkit';
import type { GetHistoryResponse } from '@helmts/proto';
import { call, makeChart } from './tiller-fixture.js';
import { spawnTiller, type TillerProcess } from './tiller-process.js';

const chart = makeChart(
  {
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  count: {{ .Values.count | printf "%q" }}\n',
  },
  'count: "0"\n',
);

interface ReleaseReply {
  release: { name: string; version: number; config?: { raw?: string }; info?: { status?: { code?: string } } };
}

const isBusy = (e: unknown) =>
  (e as grpc.ServiceError).code === grpc.status.FAILED_PRECONDITION &&
  /another operation \([^)]+\) is in progress/.test((e as grpc.ServiceError).details);

/** Calls `method`, trying again (after a short random pause) while the release is busy. */
async function untilFree<T>(attempt: () => Promise<T>, onBusy: () => void): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!isBusy(e)) throw e;
      onBusy();
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
    }
  }
}

describe('three Tiller replicas on one storage namespace @cluster', function () {
  this.timeout(300_000);
  const tillerNs = uniqueNamespace('tiller-x3');
  const releaseNs = uniqueNamespace('rel-x3');
  let core: CoreV1Api;
  let replicas: TillerProcess[] = [];
  before(async () => {
    const kc = kubeConfigFor(await ensureCluster());
    core = kc.makeApiClient(CoreV1Api);
    replicas = await Promise.all([0, 1, 2].map(() => spawnTiller(tillerNs)));
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    for (const ns of [tillerNs, releaseNs]) await core?.deleteNamespace({ name: ns }).catch(() => {});
  });

  it('20 concurrent upgrades of one release over 3 replicas: consecutive revisions, one DEPLOYED, last config wins', async () => {
    await call(replicas[0]!.client, 'InstallRelease', { chart, name: 'shared', namespace: releaseNs });
    let busy = 0;
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        untilFree(
          () =>
            call<unknown, ReleaseReply>(replicas[i % 3]!.client, 'UpdateRelease', {
              name: 'shared',
              chart,
              values: { raw: `count: "${i + 1}"\n` },
            }),
          () => busy++,
        ),
      ),
    );
    assert.ok(busy > 0, 'the replicas really contended for the release');
    const versions = replies.map((r) => r.release.version).sort((a, b) => a - b);
    assert.deepEqual(
      versions,
      Array.from({ length: 20 }, (_, i) => i + 2),
      'each upgrade its own revision, no gaps',
    );
    // every replica reads the same history
    for (const r of replicas) {
      const h = await call<unknown, GetHistoryResponse>(r.client, 'GetHistory', { name: 'shared', max: 256 });
      const codes = h.releases
        .map((rel) => [rel.version, rel.info?.status?.code] as const)
        .sort((a, b) => Number(a[0]) - Number(b[0]));
      assert.deepEqual(
        codes.map(([v]) => Number(v)),
        Array.from({ length: 21 }, (_, i) => i + 1),
      );
      assert.deepEqual(
        codes.filter(([, c]) => c === 'DEPLOYED').map(([v]) => Number(v)),
        [21],
        'exactly one DEPLOYED: the last revision',
      );
      assert.ok(codes.slice(0, 20).every(([, c]) => c === 'SUPERSEDED'));
    }
    const last = replies.find((r) => r.release.version === 21)!;
    const cm = await core.readNamespacedConfigMap({ name: 'shared-cm', namespace: releaseNs });
    assert.equal(
      `count: "${cm.data?.count}"\n`,
      last.release.config?.raw,
      'the live object has the last upgrade’s config',
    );
  });

  it('100 releases installed at once over 3 replicas: all succeed, each one revision DEPLOYED', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `many-${i}`);
    const results = await Promise.allSettled(
      names.map((name, i) =>
        call<unknown, ReleaseReply>(replicas[i % 3]!.client, 'InstallRelease', {
          chart,
          name,
          namespace: releaseNs,
          values: { raw: `count: "${i}"\n` },
        }),
      ),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${names[i]}: ${r.reason.message}`] : []));
    assert.deepEqual(failed, []);
    for (const name of names) {
      const h = await call<unknown, GetHistoryResponse>(replicas[1]!.client, 'GetHistory', { name, max: 256 });
      assert.deepEqual(
        h.releases.map((rel) => `${rel.version}:${rel.info?.status?.code}`),
        ['1:DEPLOYED'],
        name,
      );
    }
  });
});
