// A crash at every storage write of install, install --replace, upgrade (succeeding and failing),
// rollback, delete and delete --purge, then recovery as at Tiller's start. After each: no revision
// left PENDING_* or DELETING, at most one DEPLOYED, no revision lost, and the release usable again
// (upgraded when it has a DEPLOYED revision, else installed or replaced).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import {
  Storage,
  installRelease,
  recoverPendingReleases,
  rollbackRelease,
  startTiller,
  silentLogger,
  uninstallRelease,
  upgradeRelease,
  type TillerContext,
} from '../src/index.js';
import { CrashingDriver, SimulatedCrash } from './crashing-driver.js';
import { makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';

const chart = makeChart(
  {
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  n: {{ .Values.n | quote }}\n',
  },
  'n: "0"\n',
);
// the apiserver refuses this ConfigMap (invalid data key): the upgrade fails while applying
const badChart = makeChart(
  {
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  "not a key!": x\n',
  },
  '',
);

type Step = (ctx: TillerContext, name: string, ns: string) => Promise<unknown>;
const install: Step = (ctx, name, ns) => installRelease(ctx, { chart: chart as never, name, namespace: ns });
const upgrade: Step = (ctx, name) => upgradeRelease(ctx, { name, chart: chart as never, values: 'n: "1"\n' });

interface Scenario {
  title: string;
  setup: Step[];
  run: Step;
  /** the release had a DEPLOYED revision before and must have one after (upgrade, rollback) */
  staysDeployed?: boolean;
  /** records may go away (purge) */
  purges?: boolean;
}

const scenarios: Scenario[] = [
  { title: 'install', setup: [], run: install },
  {
    title: 'install --replace',
    setup: [install, (ctx, name) => uninstallRelease(ctx, { name })],
    run: (ctx, name, ns) => installRelease(ctx, { chart: chart as never, name, namespace: ns, reuseName: true }),
  },
  { title: 'upgrade', setup: [install], run: upgrade, staysDeployed: true },
  {
    title: 'failing upgrade',
    setup: [install],
    run: (ctx, name) => upgradeRelease(ctx, { name, chart: badChart as never }),
    staysDeployed: true,
  },
  {
    title: 'rollback',
    setup: [install, upgrade],
    run: (ctx, name) => rollbackRelease(ctx, { name, version: 1 }),
    staysDeployed: true,
  },
  { title: 'delete', setup: [install, upgrade], run: (ctx, name) => uninstallRelease(ctx, { name }) },
  {
    title: 'delete --purge',
    setup: [install, upgrade],
    run: (ctx, name) => uninstallRelease(ctx, { name, purge: true }),
    purges: true,
  },
];

describe('a crash at every storage write, then recovery @cluster', function () {
  this.timeout(300_000);
  let f: TillerFixture;
  let base: TillerContext;
  before(async () => {
    f = await startFixture();
    base = f.tiller.context;
  });
  after(async () => f?.close());

  const crashingContext = (crashAt: number) => {
    const driver = new CrashingDriver(base.storage.driver, crashAt);
    // a dead Tiller settles nothing later: no background settling from the crashed context
    return { driver, ctx: { ...base, storage: new Storage(driver), settlements: undefined } };
  };
  const statuses = async (name: string) =>
    (await base.storage.history(name).catch(() => [])).map((r) => `${r.version}:${r.info?.status?.code}`);

  for (const [i, s] of scenarios.entries()) {
    it(`${s.title}: every write a fault point, every release usable after recovery`, async () => {
      // learn the writes of an uninterrupted run
      const probe = `crash${i}-all`;
      for (const step of s.setup) await step(base, probe, f.releaseNs);
      const counting = crashingContext(Infinity);
      await s.run(counting.ctx, probe, f.releaseNs).catch(() => {});
      const writes = counting.driver.writes;
      assert.ok(writes.length > 0);

      for (let k = 1; k <= writes.length; k++) {
        const name = `crash${i}-${k}`;
        const at = `${s.title}, crash before write ${k} of ${writes.length} (${writes[k - 1]!.replace(probe, name)})`;
        for (const step of s.setup) await step(base, name, f.releaseNs);
        const before = await statuses(name);
        const { ctx } = crashingContext(k);
        const err = await s.run(ctx, name, f.releaseNs).then(
          () => undefined,
          (e: Error) => e,
        );
        assert.ok(err, `${at}: the operation should have failed`);
        if (!(err instanceof SimulatedCrash))
          assert.match(err.message, /Tiller is dead|crashed before write|validation|failed/, at);

        await recoverPendingReleases(base);

        const after = await statuses(name);
        assert.ok(!after.some((x) => /PENDING_|DELETING/.test(x)), `${at}: left ${after.join(' ')}`);
        assert.ok(after.filter((x) => x.endsWith(':DEPLOYED')).length <= 1, `${at}: ${after.join(' ')}`);
        if (!s.purges) {
          const lost = before.map((x) => x.split(':')[0]).filter((v) => !after.some((y) => y.startsWith(`${v}:`)));
          assert.deepEqual(lost, [], `${at}: revisions lost`);
        }
        if (s.staysDeployed)
          assert.ok(
            after.some((x) => x.endsWith(':DEPLOYED')),
            `${at}: ${after.join(' ')}`,
          );

        // usable: upgraded when deployed, else installed (again) under its name
        const latest = after.at(-1)?.split(':')[1];
        if (after.some((x) => x.endsWith(':DEPLOYED'))) {
          const next = (await upgrade(base, name, f.releaseNs)) as { release: { version?: number } };
          assert.equal(next.release.version, after.length === 0 ? 1 : Number(after.at(-1)!.split(':')[0]) + 1, at);
        } else if (after.length === 0) {
          await install(base, name, f.releaseNs);
        } else {
          assert.ok(latest === 'FAILED' || latest === 'DELETED', `${at}: latest revision ${latest}`);
          await installRelease(base, { chart: chart as never, name, namespace: f.releaseNs, reuseName: true });
        }
      }
    });
  }

  it('records left by a Tiller that superseded first (v1, v2 SUPERSEDED, v3 PENDING_UPGRADE): v2 is DEPLOYED again at restart', async () => {
    const name = 'superseded-first';
    await install(base, name, f.releaseNs);
    await upgrade(base, name, f.releaseNs);
    // what Helm 2's Tiller (and older helmts) leave when they die between the upgrade's two final writes
    const v2 = await base.storage.get(name, 2);
    const v3 = { ...v2, version: 3, info: { ...v2.info, status: { code: 'PENDING_UPGRADE' as const } } };
    await base.storage.create(v3 as never);
    v2.info!.status!.code = 'SUPERSEDED';
    await base.storage.update(v2);
    const restarted = await startTiller({
      listen: '127.0.0.1:0',
      kubeConfig: f.kc,
      namespace: f.tillerNs,
      logger: silentLogger,
    });
    try {
      assert.deepEqual(await statuses(name), ['1:SUPERSEDED', '2:DEPLOYED', '3:FAILED']);
      assert.match(
        (await base.storage.get(name, 2)).info!.Description,
        /^Deployed again: the upgrade to revision 3 did not finish$/,
      );
      const next = await upgradeRelease(restarted.context, { name, chart: chart as never, values: 'n: "5"\n' });
      assert.equal(next.release.version, 4);
      assert.deepEqual(await statuses(name), ['1:SUPERSEDED', '2:SUPERSEDED', '3:FAILED', '4:DEPLOYED']);
    } finally {
      await restarted.stop(5000);
    }
  });
});
