// apiserver failures in the middle of an install, injected with nock in front of the real apiserver:
// transient 500s, 409 write conflicts and slow answers are retried; persistent ones fail the
// release, which is recorded FAILED and can be replaced.
import assert from 'node:assert/strict';
import nock from 'nock';
import { after, afterEach, before, describe, it } from 'mocha';
import { installRelease, statusOf } from '../src/index.js';
import { makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';

const cm = (suffix: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${suffix}\ndata:\n  a: b\n`;
const chart = makeChart({
  'templates/a.yaml': cm('a'),
  'templates/b.yaml': cm('b'),
  'templates/svc.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  ports:\n  - port: 80\n',
});

describe('apiserver faults mid-install (nock) @cluster', function () {
  this.timeout(60_000);
  let f: TillerFixture;
  let server: string;
  before(async () => {
    if (!nock.isActive()) nock.activate(); // other files turn it off
    f = await startFixture({ kube: { requestTimeoutMs: 1500, attempts: 3, retryDelayMs: 50 } });
    server = f.kc.getCurrentCluster()!.server;
  });
  afterEach(() => nock.cleanAll());
  after(async () => {
    nock.restore();
    await f?.close();
  });

  // the Service is applied after both ConfigMaps (install order), so faults on it hit mid-install
  const svcPath = (rel: string) => `/api/v1/namespaces/${f.releaseNs}/services/${rel}-svc`;
  const exists = (name: string) =>
    f.core.readNamespacedConfigMap({ name, namespace: f.releaseNs }).then(
      () => true,
      () => false,
    );
  const install = (name: string, extra = {}) =>
    installRelease(f.tiller.context, { chart: chart as never, name, namespace: f.releaseNs, ...extra });

  it('retries a transient 500 and a 409 write conflict, then succeeds', async () => {
    const scope = nock(server, { allowUnmocked: true })
      .patch(svcPath('flaky'))
      .query(true)
      .reply(500, { kind: 'Status', status: 'Failure', message: 'etcdserver: leader changed', code: 500 })
      .patch(svcPath('flaky'))
      .query(true)
      .reply(409, {
        kind: 'Status',
        status: 'Failure',
        message: 'Operation cannot be fulfilled: the object has been modified',
        reason: 'Conflict',
        code: 409,
      });
    const { release } = await install('flaky');
    assert.equal(release.info?.status?.code, 'DEPLOYED');
    assert.ok(scope.isDone(), 'both faults were served');
    assert.ok(await exists('flaky-a'));
  });

  it('a persistent 500 fails the install mid-way: recorded FAILED with the apiserver message; --replace recovers', async () => {
    nock(server, { allowUnmocked: true })
      .patch(svcPath('broken'))
      .query(true)
      .times(3)
      .reply(500, { kind: 'Status', status: 'Failure', message: 'internal error: storage unavailable', code: 500 });
    await assert.rejects(install('broken'), /release broken failed: .*internal error: storage unavailable/);
    const [rec] = await f.tiller.context.storage.history('broken');
    assert.equal(statusOf(rec!), 'FAILED');
    assert.match(rec!.info!.Description, /^Release "broken" failed: .*storage unavailable/);
    assert.ok(await exists('broken-a'), 'objects before the failure were applied');
    nock.cleanAll();
    const { release } = await install('broken', { reuseName: true });
    assert.equal(release.version, 2);
    assert.equal(release.info?.status?.code, 'DEPLOYED');
  });

  it('an apiserver that does not answer in time is retried; one that never answers fails the install', async () => {
    nock(server, { allowUnmocked: true }).patch(svcPath('slow')).query(true).delay(4000).reply(200, {});
    const ok = await install('slow');
    assert.equal(ok.release.info?.status?.code, 'DEPLOYED');
    nock.cleanAll();
    nock(server, { allowUnmocked: true }).patch(svcPath('dead')).query(true).times(3).delay(4000).reply(200, {});
    await assert.rejects(install('dead'), /did not answer within 1500 ms/);
    assert.equal(statusOf((await f.tiller.context.storage.history('dead'))[0]!), 'FAILED');
  });
});
