// The per-release lock against the real apiserver: a lease kept in a ConfigMap `<release>.lock` (a
// Secret with Secret storage) beside the records. A busy release is always the one-line "another
// operation is in progress" (FAILED_PRECONDITION), a free one is always acquired, also when the
// holder lets go between our create (409) and our read (404); a live Lease of an earlier Tiller
// keeps the release busy.
import assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import * as grpc from '@grpc/grpc-js';
import { describe, it } from 'mocha';
import { CoordinationV1Api, CoreV1Api, V1MicroTime } from '@kubernetes/client-node';
import { suiteNamespace } from '@helmts/testkit';
import { ConfigMapDriver, LeaseReleaseLock, ReleaseBusyError, SecretDriver, grpcStatusOf } from '../src/index.js';

describe('release lock @cluster', function () {
  this.timeout(120_000);
  const scratch = suiteNamespace('lock');
  const namespace = scratch.name;
  const lockIn = (kind: 'ConfigMap' | 'Secret', identity: string) => {
    const kubeConfig = scratch.kubeConfig;
    const driver =
      kind === 'Secret' ? new SecretDriver({ namespace, kubeConfig }) : new ConfigMapDriver({ namespace, kubeConfig });
    return new LeaseReleaseLock({ namespace, kubeConfig, objects: driver.plainObjects(), identity });
  };
  const lock = (identity: string) => lockIn('ConfigMap', identity);

  it('a busy release: ReleaseBusyError naming the operation, one line, FAILED_PRECONDITION', async () => {
    const held = await lock('host-a/1').acquire('busy', 'upgrade op-1');
    try {
      const err = await lock('host-b/2')
        .acquire('busy', 'upgrade op-2')
        .then(
          () => assert.fail('acquired a held lock'),
          (e: Error) => e,
        );
      assert.ok(err instanceof ReleaseBusyError);
      assert.equal(
        err.message,
        'another operation (upgrade op-1) is in progress for release "busy"; try again when it has finished',
      );
      assert.equal(grpcStatusOf(err).code, grpc.status.FAILED_PRECONDITION);
    } finally {
      await held.release();
    }
  });

  it('the holder lets go between our create (409) and our read (404): the lock is acquired', async () => {
    const held = await lock('host-a/1').acquire('race', 'upgrade op-1');
    const contender = lock('host-b/2');
    const api = (contender as unknown as { api: { read(name: string): Promise<unknown> } }).api;
    const read = api.read.bind(api);
    let raced = 0;
    api.read = async (name) => {
      if (raced++ === 0) await held.release(); // the holder finishes right after our create failed
      return read(name);
    };
    const mine = await contender.acquire('race', 'upgrade op-2');
    assert.equal(raced, 1, 'the read saw the lease gone');
    const kept = await scratch.kubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: 'race.lock', namespace });
    assert.equal(kept.data?.holderIdentity, 'host-b/2 upgrade op-2');
    await mine.release();
  });

  it('two Tillers taking and letting go of one release 40 times each: only acquisitions and busy errors', async () => {
    const failures: string[] = [];
    let acquired = 0;
    const worker = async (identity: string) => {
      const l = lock(identity);
      for (let i = 0; i < 40; i++) {
        try {
          const h = await l.acquire('contended', `upgrade ${identity}-${i}`);
          acquired++;
          await h.release();
        } catch (e) {
          if (!(e instanceof ReleaseBusyError)) failures.push((e as Error).message);
        }
      }
    };
    await Promise.all([worker('host-a/1'), worker('host-b/2'), worker('host-c/3')]);
    assert.deepEqual(failures, []);
    assert.ok(acquired >= 40, `acquired ${acquired} of 120`);
  });

  it('a dead holder on this host: taken over in our PID namespace, waited for in another (hostNetwork replicas)', async () => {
    const ourNs = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))![1]!;
    const gonePid = 4_194_000; // above any pid_max default: no such process
    // a replica on the host network: same host name, its own PID namespace, its pid not ours to probe
    const other = await lock(`${hostname()}/${gonePid}/1`).acquire('hostnet', 'upgrade op-1');
    const err = await lock('host-b/2')
      .acquire('hostnet', 'upgrade op-2')
      .then(
        () => assert.fail('took over a live replica’s lease'),
        (e: Error) => e,
      );
    assert.ok(err instanceof ReleaseBusyError, err.message);
    await other.release();
    // a crashed Tiller process beside us: its lease is free at once
    await lock(`${hostname()}/${gonePid}/${ourNs}`).acquire('crashed', 'upgrade op-1');
    const mine = await lock('host-b/2').acquire('crashed', 'upgrade op-2');
    await mine.release();
  });

  it('letting go never deletes the lock another operation of the same Tiller took over meanwhile', async () => {
    // One Tiller, two operations on one release: the first lets go (it is no longer running, so the
    // second may take its lock over), and the second does so before the first's delete arrives.
    const tiller = lock('host-a/1');
    const first = await tiller.acquire('handover', 'upgrade op-1');
    const api = (tiller as unknown as { api: { remove(n: string, rv?: string): Promise<void> } }).api;
    const remove = api.remove.bind(api);
    let second: Awaited<ReturnType<LeaseReleaseLock['acquire']>> | undefined;
    api.remove = async (name, rv) => {
      second ??= await tiller.acquire('handover', 'upgrade op-2');
      return remove(name, rv);
    };
    await first.release();
    api.remove = remove;
    assert.ok(second, 'the second operation took the lock over');
    const kept = await scratch.kubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: 'handover.lock', namespace });
    assert.equal(kept.data?.holderIdentity, 'host-a/1 upgrade op-2');
    await assert.rejects(lock('host-b/2').acquire('handover', 'upgrade op-3'), ReleaseBusyError);
    await second.release();
  });

  it("keeps the lease in the records' own kind, where no list of records sees it", async () => {
    const kubeConfig = scratch.kubeConfig;
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const inConfigMap = await lock('host-a/1').acquire('kinds', 'install op-1');
    const cm = await core.readNamespacedConfigMap({ name: 'kinds.lock', namespace });
    assert.deepEqual(cm.metadata?.labels, { OWNER: 'TILLER-LOCK', NAME: 'kinds' });
    assert.equal(cm.data?.holderIdentity, 'host-a/1 install op-1');
    assert.deepEqual(await new ConfigMapDriver({ namespace, kubeConfig }).list(), []);
    await inConfigMap.release();
    await assert.rejects(core.readNamespacedConfigMap({ name: 'kinds.lock', namespace }), /404|not found/i);

    const secretLock = lockIn('Secret', 'host-a/1');
    const inSecret = await secretLock.acquire('kinds', 'install op-2');
    const secret = await core.readNamespacedSecret({ name: 'kinds.lock', namespace });
    assert.equal(Buffer.from(secret.data!.holderIdentity!, 'base64').toString(), 'host-a/1 install op-2');
    assert.deepEqual(await new SecretDriver({ namespace, kubeConfig }).list(), []);
    await assert.rejects(lockIn('Secret', 'host-b/2').acquire('kinds', 'x'), ReleaseBusyError);
    await inSecret.release();
  });

  it('a live Lease of an earlier Tiller keeps the release busy; one that ran out does not', async () => {
    const leases = scratch.kubeConfig.makeApiClient(CoordinationV1Api);
    const legacy = async (name: string, renewedSecondsAgo: number) => {
      const renewed = new V1MicroTime(Date.now() - renewedSecondsAgo * 1000);
      await leases.createNamespacedLease({
        namespace,
        body: {
          metadata: { name: `tiller-release-${name}`, labels: { OWNER: 'TILLER', NAME: name } },
          spec: {
            holderIdentity: 'tiller-old-pod/1 upgrade 0d1e',
            leaseDurationSeconds: 30,
            acquireTime: renewed,
            renewTime: renewed,
          },
        },
      });
    };
    await legacy('rolling', 0);
    const err = await lock('host-a/1')
      .acquire('rolling', 'upgrade op-1')
      .then(
        () => assert.fail('ran beside a live Lease'),
        (e: Error) => e,
      );
    assert.ok(err instanceof ReleaseBusyError, err.message);
    assert.match(err.message, /another operation \(upgrade 0d1e\)/);
    // the lock taken for the check was let go again
    await assert.rejects(
      scratch.kubeConfig.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'rolling.lock', namespace }),
      /404|not found/i,
    );
    assert.equal(await lock('host-a/1').isStale('rolling'), false);
    await legacy('ran-out', 60);
    assert.equal(await lock('host-a/1').isStale('ran-out'), true);
    await (await lock('host-a/1').acquire('ran-out', 'upgrade op-2')).release();
  });
});
