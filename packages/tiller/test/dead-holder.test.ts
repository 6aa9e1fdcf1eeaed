// A Tiller that dies mid-upgrade on another host (a pod killed on another node) leaves the latest
// revision PENDING_UPGRADE and a lock nobody renews. Nothing on this host can tell the holder is
// dead, so the release is settled once the lock's lease has run out: by a Tiller that started
// meanwhile (it tries again after a lease period) or by the next operation on the release, which
// settles it before it starts. A lease that is still live keeps the release busy: the lock this
// Tiller keeps (a ConfigMap `<release>.lock`) and the coordination.k8s.io Lease of an earlier one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { CoordinationV1Api, CoreV1Api, V1MicroTime } from '@kubernetes/client-node';
import { installRelease, startTiller, silentLogger, upgradeRelease, type TillerContext } from '../src/index.js';
import { makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';

const chart = makeChart(
  {
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  n: {{ .Values.n | quote }}\n',
  },
  'n: "0"\n',
);
const LEASE_SECONDS = 2;

describe('a release left PENDING by a Tiller that died on another host @cluster', function () {
  this.timeout(120_000);
  let f: TillerFixture;
  let ctx: TillerContext;
  before(async () => {
    f = await startFixture({ leaseSeconds: LEASE_SECONDS });
    ctx = f.tiller.context;
  });
  after(async () => f?.close());

  const statuses = async (name: string) =>
    (await ctx.storage.history(name)).map((r) => `${r.version}:${r.info?.status?.code}`);

  /**
   * v1 SUPERSEDED, v2 DEPLOYED, v3 PENDING_UPGRADE, and the dead Tiller's lock (`lock`) or an earlier
   * Tiller's Lease (`Lease`), renewed `ageSeconds` ago.
   */
  async function leftByDeadTiller(name: string, ageSeconds: number, kept: 'lock' | 'Lease'): Promise<void> {
    await installRelease(ctx, { chart: chart as never, name, namespace: f.releaseNs });
    await upgradeRelease(ctx, { name, chart: chart as never, values: 'n: "1"\n' });
    const v2 = await ctx.storage.get(name, 2);
    await ctx.storage.create({ ...v2, version: 3, info: { ...v2.info, status: { code: 'PENDING_UPGRADE' } } } as never);
    const renewed = new V1MicroTime(Date.now() - ageSeconds * 1000);
    const holderIdentity = 'tiller-7d9f-other-node/1 upgrade 0d1e';
    if (kept === 'lock') {
      await f.kc.makeApiClient(CoreV1Api).createNamespacedConfigMap({
        namespace: f.tillerNs,
        body: {
          metadata: { name: `${name}.lock`, labels: { OWNER: 'TILLER-LOCK', NAME: name } },
          data: {
            holderIdentity,
            leaseDurationSeconds: String(LEASE_SECONDS),
            acquireTime: renewed.toISOString(),
            renewTime: renewed.toISOString(),
          },
        },
      });
      return;
    }
    await f.kc.makeApiClient(CoordinationV1Api).createNamespacedLease({
      namespace: f.tillerNs,
      body: {
        metadata: { name: `tiller-release-${name}`, labels: { OWNER: 'TILLER', NAME: name } },
        spec: { holderIdentity, leaseDurationSeconds: LEASE_SECONDS, acquireTime: renewed, renewTime: renewed },
      },
    });
  }

  it('a live lock keeps the release busy; the next upgrade after it runs out settles v3 first', async () => {
    await leftByDeadTiller('next-op', 0, 'lock');
    await assert.rejects(
      upgradeRelease(ctx, { name: 'next-op', chart: chart as never, values: 'n: "2"\n' }),
      /another operation \(upgrade 0d1e\) is in progress for release "next-op"/,
    );
    await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS + 0.5) * 1000));
    const next = await upgradeRelease(ctx, { name: 'next-op', chart: chart as never, values: 'n: "2"\n' });
    assert.equal(next.release.version, 4);
    assert.deepEqual(await statuses('next-op'), ['1:SUPERSEDED', '2:SUPERSEDED', '3:FAILED', '4:DEPLOYED']);
    assert.match((await ctx.storage.get('next-op', 3)).info!.Description, /The upgrade did not finish/);
  });

  it("a Tiller starting while an earlier Tiller's Lease is live settles the release once it has run out", async () => {
    await leftByDeadTiller('successor', 0, 'Lease');
    const successor = await startTiller({
      listen: '127.0.0.1:0',
      kubeConfig: f.kc,
      namespace: f.tillerNs,
      logger: silentLogger,
      leaseSeconds: LEASE_SECONDS,
    });
    try {
      assert.deepEqual(await statuses('successor'), ['1:SUPERSEDED', '2:DEPLOYED', '3:PENDING_UPGRADE']);
      const deadline = Date.now() + 4 * (LEASE_SECONDS + 1) * 1000;
      let now = await statuses('successor');
      while (now.at(-1) !== '3:FAILED' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        now = await statuses('successor');
      }
      assert.deepEqual(now, ['1:SUPERSEDED', '2:DEPLOYED', '3:FAILED']);
    } finally {
      await successor.stop(5000);
    }
  });
});
