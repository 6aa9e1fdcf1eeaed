// Reads of release records under concurrency and apiserver trouble. Tiller's keep-alive sockets
// once made node-fetch fail whole chunked answers with "Premature close" when a waiting request took
// over the socket; and transient failures of reads (which are idempotent) are retried with backoff.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { afterEach, before, describe, it } from 'mocha';
import { suiteNamespace } from '@helmts/testkit';
import { ConfigMapDriver } from '../src/index.js';
import { keepAliveKubeConfig } from '../src/kube/keep-alive.js';
import { sampleRelease } from './sample-release.js';

describe('storage reads: concurrency and transient failures @cluster', function () {
  this.timeout(120_000);
  const scratch = suiteNamespace('reads');
  const namespace = scratch.name;
  before(async () => {
    const d = new ConfigMapDriver({ namespace, kubeConfig: scratch.kubeConfig });
    // records big enough (incompressible manifests) for the apiserver to answer lists chunked
    for (let v = 1; v <= 6; v++) {
      const rel = sampleRelease('big', v, v === 6 ? 'DEPLOYED' : 'SUPERSEDED');
      rel.manifest += `# ${randomBytes(30_000).toString('base64')}\n`;
      await d.create(`big.v${v}`, rel);
    }
    await d.create('small.v1', sampleRelease('small', 1));
  });
  // nock's interception changes how sockets are used: only on for the tests that inject faults
  before(() => {
    if (nock.isActive()) nock.restore();
  });
  afterEach(() => {
    nock.cleanAll();
    if (nock.isActive()) nock.restore();
  });
  it("240 concurrent lists over Tiller's keep-alive connections, with no retry: all whole", async () => {
    const d = new ConfigMapDriver({
      namespace,
      kubeConfig: keepAliveKubeConfig(scratch.kubeConfig),
      retry: { attempts: 1 },
    });
    const errors: string[] = [];
    for (let round = 0; round < 6; round++)
      await Promise.all(
        Array.from({ length: 40 }, () =>
          d.query({ NAME: 'big', OWNER: 'TILLER' }).then(
            (all) => assert.equal(all.length, 6),
            (e: Error) => errors.push(e.message),
          ),
        ),
      );
    assert.deepEqual(errors.slice(0, 3), [], `${errors.length} of 240 failed`);
  });

  it('a 503, a reset and a half-read answer on reads are retried; the read succeeds', async () => {
    nock.activate();
    const server = scratch.kubeConfig.getCurrentCluster()!.server;
    const path = `/api/v1/namespaces/${namespace}/configmaps`;
    const scope = nock(server, { allowUnmocked: true })
      .get(path)
      .query(true)
      .reply(503, { kind: 'Status', status: 'Failure', message: 'etcdserver: leader changed', code: 503 })
      .get(path)
      .query(true)
      .replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))
      .get(`${path}/small.v1`)
      .replyWithError('Invalid response body while trying to fetch: Premature close');
    const d = new ConfigMapDriver({ namespace, kubeConfig: scratch.kubeConfig, retry: { attempts: 4, delayMs: 10 } });
    assert.equal((await d.query({ NAME: 'small', OWNER: 'TILLER' })).length, 1);
    assert.equal((await d.get('small.v1')).version, 1);
    assert.ok(scope.isDone(), 'every fault was served');
  });

  it('a persistent failure fails the read after its attempts, with the apiserver message', async () => {
    nock.activate();
    const server = scratch.kubeConfig.getCurrentCluster()!.server;
    nock(server, { allowUnmocked: true })
      .get(`/api/v1/namespaces/${namespace}/configmaps/big.v1`)
      .times(3)
      .reply(500, { kind: 'Status', status: 'Failure', message: 'storage unavailable', code: 500 });
    const d = new ConfigMapDriver({ namespace, kubeConfig: scratch.kubeConfig, retry: { attempts: 3, delayMs: 10 } });
    await assert.rejects(d.get('big.v1'), /^StorageError: get ConfigMap .*\/big\.v1: storage unavailable$/);
  });
});
