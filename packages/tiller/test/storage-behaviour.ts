// Storage behaviour every driver must support; run over the memory driver in storage.test.ts and
// over the ConfigMap/Secret drivers against the real apiserver in kube-drivers.test.ts.
import assert from 'node:assert/strict';
import { it } from 'mocha';
import type { StatusCode } from '@helmts/proto';
import { NoDeployedReleaseError, NoRevisionError, ReleaseNotFoundError, Storage, type Driver } from '../src/index.js';
import { sampleRelease } from './sample-release.js';

/** Creates revisions 1..n of `name` with the given statuses. */
export async function seed(storage: Storage, name: string, statuses: StatusCode[]): Promise<void> {
  for (const [i, status] of statuses.entries()) await storage.create(sampleRelease(name, i + 1, status));
}

/** Installs `name` then upgrades it to revision n, with the status transitions Tiller makes. */
async function upgradeTo(storage: Storage, name: string, n: number): Promise<void> {
  for (let v = 1; v <= n; v++) {
    const next = sampleRelease(name, v, v === 1 ? 'PENDING_INSTALL' : 'PENDING_UPGRADE');
    await storage.create(next);
    if (v > 1) {
      const previous = await storage.deployed(name);
      previous.info!.status!.code = 'SUPERSEDED';
      await storage.update(previous);
    }
    next.info!.status!.code = 'DEPLOYED';
    await storage.update(next);
  }
}

export async function revisions(storage: Storage, name: string): Promise<string[]> {
  return (await storage.history(name)).map((r) => `${r.version}:${r.info?.status?.code}`);
}

export function storageBehaviour(makeDriver: () => Driver): void {
  it('history is every revision oldest first; last is the newest whatever its status', async () => {
    const s = new Storage(makeDriver());
    await seed(s, 'hist', ['SUPERSEDED', 'DEPLOYED', 'FAILED']);
    assert.deepEqual(await revisions(s, 'hist'), ['1:SUPERSEDED', '2:DEPLOYED', '3:FAILED']);
    assert.equal((await s.last('hist')).version, 3);
    assert.equal((await s.get('hist', 2)).info?.status?.code, 'DEPLOYED');
  });

  it('deployed is the newest DEPLOYED revision; errors are worded as Helm 2', async () => {
    const s = new Storage(makeDriver());
    await seed(s, 'dep', ['DEPLOYED', 'DEPLOYED', 'FAILED']);
    assert.deepEqual((await s.deployedAll('dep')).map((r) => r.version).sort(), [1, 2]);
    assert.equal((await s.deployed('dep')).version, 2);
    await seed(s, 'nodep', ['FAILED']);
    await assert.rejects(s.deployed('nodep'), (e: Error) => {
      assert.ok(e instanceof NoDeployedReleaseError);
      assert.equal(e.message, '"nodep" has no deployed releases');
      return true;
    });
    await assert.rejects(
      s.last('ghost'),
      (e: Error) => e instanceof NoRevisionError && e.message === 'release: "ghost" not found',
    );
    await assert.rejects(s.history('ghost'), ReleaseNotFoundError);
  });

  it('list helpers select by status and by filters', async () => {
    const s = new Storage(makeDriver());
    await seed(s, 'lst-a', ['SUPERSEDED', 'DEPLOYED']);
    await seed(s, 'lst-b', ['DELETED']);
    const names = (rs: { name: string; version: number }[]) =>
      rs
        .filter((r) => r.name.startsWith('lst-'))
        .map((r) => `${r.name}.v${r.version}`)
        .sort();
    assert.deepEqual(names(await s.listReleases()), ['lst-a.v1', 'lst-a.v2', 'lst-b.v1']);
    assert.deepEqual(names(await s.listDeployed()), ['lst-a.v2']);
    assert.deepEqual(names(await s.listDeleted()), ['lst-b.v1']);
    const isA = (r: { name: string }) => r.name === 'lst-a';
    const isFirst = (r: { version: number }) => r.version === 1;
    assert.deepEqual(names(await s.listFilterAll(isA, isFirst)), ['lst-a.v1']);
    assert.deepEqual(names(await s.listFilterAny(isA, isFirst)), ['lst-a.v1', 'lst-a.v2', 'lst-b.v1']);
  });

  it('reads only the records whose labels a selection names (releases, statuses), in storage order', async () => {
    const s = new Storage(makeDriver());
    await seed(s, 'pick-a', ['SUPERSEDED', 'DEPLOYED']);
    await seed(s, 'pick-b', ['DELETED']);
    await seed(s, 'pick-c', ['SUPERSEDED', 'SUPERSEDED', 'FAILED']);
    const keys = (rs: { name: string; version: number }[]) => rs.map((r) => `${r.name}.v${r.version}`);
    assert.deepEqual(keys(await s.listReleases({ names: ['pick-c', 'pick-a'] })), [
      'pick-a.v1',
      'pick-a.v2',
      'pick-c.v1',
      'pick-c.v2',
      'pick-c.v3',
    ]);
    assert.deepEqual(
      keys(await s.listReleases({ names: ['pick-a', 'pick-b', 'pick-c'], statuses: ['DEPLOYED', 'FAILED'] })),
      ['pick-a.v2', 'pick-c.v3'],
    );
    assert.deepEqual(keys(await s.listReleases({ names: [] })), []);
    // more names than one label selector carries
    const many = Array.from({ length: 150 }, (_, i) => `pick-x${i}`);
    assert.deepEqual(keys(await s.listReleases({ names: [...many, 'pick-b'] })), ['pick-b.v1']);
  });

  it('update and delete address the record by the release’s name and revision', async () => {
    const s = new Storage(makeDriver());
    await seed(s, 'upd', ['DEPLOYED', 'PENDING_UPGRADE']);
    const v2 = await s.get('upd', 2);
    v2.info!.status!.code = 'DEPLOYED';
    await s.update(v2);
    const v1 = await s.get('upd', 1);
    v1.info!.status!.code = 'SUPERSEDED';
    await s.update(v1);
    assert.deepEqual(await revisions(s, 'upd'), ['1:SUPERSEDED', '2:DEPLOYED']);
    assert.equal((await s.delete('upd', 1)).version, 1);
    assert.deepEqual(await revisions(s, 'upd'), ['2:DEPLOYED']);
  });

  it('--history-max N keeps at most N revisions, dropping the oldest', async () => {
    const s = new Storage(makeDriver(), { maxHistory: 3 });
    await upgradeTo(s, 'prune', 5);
    assert.deepEqual(await revisions(s, 'prune'), ['3:SUPERSEDED', '4:SUPERSEDED', '5:DEPLOYED']);
  });

  it('--history-max never prunes the newest DEPLOYED revision', async () => {
    const s = new Storage(makeDriver(), { maxHistory: 2 });
    await seed(s, 'keepdep', ['DEPLOYED', 'FAILED']);
    await s.create(sampleRelease('keepdep', 3, 'FAILED'));
    await s.create(sampleRelease('keepdep', 4, 'FAILED'));
    assert.deepEqual(await revisions(s, 'keepdep'), ['1:DEPLOYED', '4:FAILED']);
  });

  it('--history-max prunes nothing when no revision is DEPLOYED (Helm 2 quirk)', async () => {
    const s = new Storage(makeDriver(), { maxHistory: 2 });
    await seed(s, 'nodeployed', ['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    assert.equal((await s.history('nodeployed')).length, 4);
  });
}
