// A failed operation whose FAILED record cannot be written either (the apiserver refuses both the
// release's objects and Tiller's record) must not leave the release PENDING_* until Tiller restarts:
// Tiller settles it in the background, or when the next operation takes the release's lock, and the
// description says why. Faults injected with nock in front of the real apiserver.
import assert from 'node:assert/strict';
import nock from 'nock';
import { after, afterEach, before, describe, it } from 'mocha';
import { installRelease, rollbackRelease, statusOf, upgradeRelease } from '../src/index.js';
import { PendingSettlements } from '../src/operations/pending-settlements.js';
import { makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';

const chart = makeChart({
  'templates/svc.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\n  labels:\n    n: "{{ .Values.n }}"\nspec:\n  ports:\n  - port: 80\n',
});
const unavailable = { kind: 'Status', status: 'Failure', message: 'etcdserver: request timed out', code: 503 };

describe('a failed operation that cannot record its failure is settled in process @cluster', function () {
  this.timeout(60_000);
  let f: TillerFixture;
  let server: string;
  before(async () => {
    if (!nock.isActive()) nock.activate();
    f = await startFixture({ kube: { requestTimeoutMs: 2000, attempts: 2, retryDelayMs: 20 } });
    server = f.kc.getCurrentCluster()!.server;
  });
  afterEach(() => nock.cleanAll());
  after(async () => {
    nock.cleanAll();
    nock.restore(); // nock's interception changes how sockets are used: leave it off for other files
    await f?.close();
  });

  const history = async (name: string) =>
    (await f.tiller.context.storage.history(name)).map((r) => `v${r.version} ${statusOf(r)}`);

  /** The release's Service apply fails, and so does every write of its records: the upgrade (or rollback) fails and stays PENDING_*. */
  const breakApiserver = (name: string) =>
    nock(server, { allowUnmocked: true })
      .patch(`/api/v1/namespaces/${f.releaseNs}/services/${name}-svc`)
      .query(true)
      .times(1000)
      .reply(503, unavailable)
      .put(new RegExp(`^/api/v1/namespaces/${f.tillerNs}/configmaps/${name}\\.v\\d+`))
      .query(true)
      .times(1000)
      .reply(503, unavailable);

  const install = (name: string) =>
    installRelease(f.tiller.context, { chart: chart as never, name, namespace: f.releaseNs, values: 'n: "1"\n' });
  const upgrade = (name: string, n: string) =>
    upgradeRelease(f.tiller.context, { name, chart: chart as never, values: `n: "${n}"\n` });

  it('the next upgrade settles the PENDING_UPGRADE revision first, and goes on', async () => {
    const settlements = new PendingSettlements({ firstDelayMs: 3_600_000 }); // no background retry here
    f.tiller.context.settlements = settlements;
    await install('next');
    breakApiserver('next');
    await assert.rejects(
      upgrade('next', '2'),
      /^OperationFailedError: UPGRADE FAILED: .*etcdserver: request timed out; recording the failure failed too: update ConfigMap .*\/next\.v2: etcdserver: request timed out$/,
    );
    assert.deepEqual(await history('next'), ['v1 DEPLOYED', 'v2 PENDING_UPGRADE']);
    assert.deepEqual(settlements.names, ['next']);
    nock.cleanAll();
    const { release } = await upgrade('next', '3');
    assert.equal(release.version, 3);
    assert.deepEqual(await history('next'), ['v1 SUPERSEDED', 'v2 FAILED', 'v3 DEPLOYED']);
    const v2 = await f.tiller.context.storage.get('next', 2);
    assert.match(
      v2.info!.Description,
      /^The upgrade did not finish: it failed, and the failure could not be recorded then \(UPGRADE FAILED: .*etcdserver: request timed out.*\); marked failed \(was PENDING_UPGRADE\)$/,
    );
    assert.deepEqual(settlements.names, []);
  });

  it('without another operation, the background retry settles it once the apiserver answers', async () => {
    const settlements = new PendingSettlements({ firstDelayMs: 200, maxDelayMs: 400 });
    f.tiller.context.settlements = settlements;
    await install('later');
    await upgrade('later', '2');
    breakApiserver('later');
    await assert.rejects(
      rollbackRelease(f.tiller.context, { name: 'later', version: 1 }),
      /recording the failure failed too/,
    );
    assert.deepEqual(await history('later'), ['v1 SUPERSEDED', 'v2 DEPLOYED', 'v3 PENDING_ROLLBACK']);
    await new Promise((r) => setTimeout(r, 1000)); // retries fail while the apiserver refuses
    assert.deepEqual(settlements.names, ['later']);
    nock.cleanAll();
    for (let i = 0; i < 100 && settlements.names.length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await history('later'), ['v1 SUPERSEDED', 'v2 DEPLOYED', 'v3 FAILED']);
    assert.match(
      (await f.tiller.context.storage.get('later', 3)).info!.Description,
      /^The rollback did not finish: it failed, and the failure could not be recorded then \(rollback of "later" failed: .*\); marked failed \(was PENDING_ROLLBACK\)$/,
    );
    const { release } = await upgrade('later', '4');
    assert.equal(release.version, 4);
  });
});
