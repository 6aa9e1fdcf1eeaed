// Tiller's own API calls (release records, release Leases) are bounded: a stalled apiserver costs a
// call its deadline (the request is aborted and its socket closed), transient failures are retried,
// and a write whose answer was lost is recognised as ours when retried.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import nock from 'nock';
import { after, before, describe, it } from 'mocha';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor, uniqueNamespace } from '@helmts/testkit';
import { ConfigMapDriver, LeaseReleaseLock, ReleaseBusyError } from '../src/index.js';
import { keepAliveKubeConfig } from '../src/kube/keep-alive.js';
import { withRequestTimeout } from '../src/kube/request-timeout.js';
import type { RecordObjectApi } from '../src/storage/kube-record-driver.js';
import { sampleRelease } from './sample-release.js';

const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

/** A ConfigMap driver whose first create/replace/remove reach the apiserver but lose their answer. */
class LostAnswerDriver extends ConfigMapDriver {
  lost = 0;
  protected override makeApi(...args: Parameters<ConfigMapDriver['makeApi']>): RecordObjectApi {
    const real = super.makeApi(...args);
    const seen = new Set<string>();
    const once =
      <A extends unknown[], R>(op: string, fn: (...a: A) => Promise<R>) =>
      async (...a: A): Promise<R> => {
        const result = await fn(...a);
        if (!seen.has(op)) {
          seen.add(op);
          this.lost++;
          throw reset();
        }
        return result;
      };
    return {
      ...real,
      create: once('create', real.create),
      replace: once('replace', real.replace),
      remove: once('remove', real.remove),
    };
  }
}

/** A ConfigMap driver whose first create reaches the apiserver but loses its answer. */
class LostFirstCreateDriver extends ConfigMapDriver {
  creates = 0;
  protected override makeApi(...args: Parameters<ConfigMapDriver['makeApi']>): RecordObjectApi {
    const real = super.makeApi(...args);
    return {
      ...real,
      create: async (body) => {
        const first = this.creates++ === 0;
        const result = await real.create(body);
        if (first) throw reset();
        return result;
      },
    };
  }
}

/** A TCP server on 127.0.0.1 that accepts connections and never answers: a stalled apiserver. */
async function stalledServer() {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    s.resume(); // read (and drop) what arrives, so the client's close is seen
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    open: () => sockets.size,
    accepted: () => accepted,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('bounded storage and Lease calls @cluster', function () {
  this.timeout(60_000);
  let kc: KubeConfig;
  const namespace = uniqueNamespace('deadline');
  before(async () => {
    // nock (active once any test file imports it) wraps sockets, and an aborted TLS request then
    // throws ECANCELED out of band: these tests need plain sockets
    if (nock.isActive()) nock.restore();
    kc = kubeConfigFor(await ensureCluster());
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
  });
  after(async () => {
    await kc
      ?.makeApiClient(CoreV1Api)
      .deleteNamespace({ name: namespace })
      .catch(() => {});
  });

  it('a stalled apiserver: reads, writes and the Lease give up after their deadline, and no socket is left open', async () => {
    const stalled = await stalledServer();
    try {
      const cluster = kc.getCurrentCluster()!;
      const kcStalled = new KubeConfig();
      kcStalled.loadFromOptions({
        clusters: [{ ...cluster, server: `https://127.0.0.1:${stalled.port}` }],
        users: kc.users,
        contexts: kc.contexts,
        currentContext: kc.currentContext,
      });
      const tiller = withRequestTimeout(keepAliveKubeConfig(kcStalled), 300);
      const retry = { timeoutMs: 300, attempts: 2, delayMs: 10 };
      const d = new ConfigMapDriver({ namespace, kubeConfig: tiller, retry });
      await assert.rejects(
        d.get('x.v1'),
        /^StorageError: get ConfigMap .*\/x\.v1: the apiserver did not answer within 300 ms$/,
      );
      await assert.rejects(
        d.create('x.v1', sampleRelease('x', 1)),
        /^StorageError: create ConfigMap .*\/x\.v1: the apiserver did not answer within 300 ms$/,
      );
      await assert.rejects(
        d.list(),
        /^StorageError: list ConfigMap in .*: the apiserver did not answer within 300 ms$/,
      );
      const lock = new LeaseReleaseLock({
        namespace,
        kubeConfig: tiller,
        objects: new ConfigMapDriver({ namespace, kubeConfig: tiller }).plainObjects(),
        retry,
      });
      await assert.rejects(
        lock.acquire('x', 'upgrade op-1'),
        /^ReleaseLockError: cannot take the lock of release "x": create ConfigMap x\.lock: the apiserver did not answer within 300 ms$/,
      );
      assert.equal(stalled.accepted(), 8, 'each call tried twice');
      // the aborted requests closed their connections: nothing keeps a stalled socket
      for (let i = 0; i < 50 && stalled.open() > 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.equal(stalled.open(), 0, 'sockets left open');
    } finally {
      await stalled.close();
    }
  });

  it('writes whose answer was lost are retried and recognised as ours: create, update, delete', async () => {
    const d = new LostAnswerDriver({ namespace, kubeConfig: kc, retry: { attempts: 3, delayMs: 10 } });
    const rel = sampleRelease('lost', 1, 'PENDING_INSTALL');
    await d.create('lost.v1', rel);
    rel.info!.status!.code = 'DEPLOYED';
    await d.update('lost.v1', rel);
    assert.equal((await d.get('lost.v1')).info?.status?.code, 'DEPLOYED');
    // the version remembered is the one our lost write made: a further update is no conflict
    rel.info!.Description = 'again';
    await d.update('lost.v1', rel);
    await d.delete('lost.v1');
    await assert.rejects(d.get('lost.v1'), /not found/);
    assert.equal(d.lost, 3, 'every write lost its first answer');
  });

  it("a lost answer to someone else's write is not taken for ours: still a conflict", async () => {
    const plain = new ConfigMapDriver({ namespace, kubeConfig: kc });
    await plain.create('other.v1', sampleRelease('other', 1));
    const d = new LostAnswerDriver({ namespace, kubeConfig: kc, retry: { attempts: 3, delayMs: 10 } });
    await assert.rejects(d.create('other.v1', sampleRelease('other', 1, 'FAILED')), /already exists/);
  });

  it('a lock created by an attempt whose answer was lost is ours; a lock our process failed to delete is taken over', async () => {
    // the first create reaches the apiserver, and its answer is lost
    const lossy = new LostFirstCreateDriver({ namespace, kubeConfig: kc });
    const objects = lossy.plainObjects();
    const lock = new LeaseReleaseLock({
      namespace,
      kubeConfig: kc,
      objects,
      identity: 'host-a/1',
      retry: { delayMs: 10 },
    });
    const held = await lock.acquire('lease-lost', 'upgrade op-1');
    assert.equal(lossy.creates, 2, 'the create was retried (and refused: it exists)');
    const held0 = await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'lease-lost.lock', namespace });
    assert.equal(held0.data?.holderIdentity, 'host-a/1 upgrade op-1');
    // another process sees it held
    const other = new LeaseReleaseLock({ namespace, kubeConfig: kc, objects, identity: 'host-b/2' });
    await assert.rejects(other.acquire('lease-lost', 'upgrade op-2'), ReleaseBusyError);
    // our release cannot delete it (the apiserver fails): the lock stays, naming us
    const calls = (lock as unknown as { api: Record<string, (...a: unknown[]) => Promise<unknown>> }).api;
    const remove = calls.remove!;
    calls.remove = async () => Promise.reject(Object.assign(new Error('HTTP 503'), { code: 503 }));
    await held.release().catch(() => {});
    calls.remove = remove;
    // we know no operation of ours holds it: the next operation here takes it over at once
    const next = await lock.acquire('lease-lost', 'upgrade op-3');
    await next.release();
  });
});
