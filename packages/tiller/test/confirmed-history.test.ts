// A release's history read before its lock is taken, confirmed by reads by name once it is held
// (KubeRecordDriver.confirmHistory), instead of listed again: a list right after the Lease write
// waits for the API server's watch cache. Another Tiller replica ("other") changes the records in
// between the way each operation under the lock can; the confirmed history must never hide it.
import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import { suiteNamespace } from '@helmts/testkit';
import type { Release } from '@helmts/proto';
import { ConfigMapDriver, ReleaseNotFoundError, Storage } from '../src/index.js';
import { sampleRelease } from './sample-release.js';

describe('confirmed history under the release lock @cluster', function () {
  this.timeout(120_000);
  const scratch = suiteNamespace('confirm');
  const namespace = scratch.name;
  let other: Storage;
  const ours = () => new Storage(new ConfigMapDriver({ namespace, kubeConfig: scratch.kubeConfig }));
  const codes = (history: { version: number; info?: { status?: { code?: unknown } | null } | null }[]) =>
    history.map((r) => `${r.version}:${String(r.info?.status?.code)}`);

  /** The other replica rewrites revision `version` of `name` (its description, or `change`). */
  async function rewrite(name: string, version: number, description: string, change = (_: Release) => {}) {
    const rel = await other.get(name, version);
    rel.info!.Description = description;
    change(rel);
    await other.update(rel);
  }

  /** Release `name` with revisions 1..n, the last DEPLOYED and the others SUPERSEDED. */
  async function seed(name: string, n: number): Promise<void> {
    for (let v = 1; v <= n; v++) await other.create(sampleRelease(name, v, v === n ? 'DEPLOYED' : 'SUPERSEDED'));
  }

  before(() => {
    other = new Storage(new ConfigMapDriver({ namespace, kubeConfig: scratch.kubeConfig }));
  });

  it('unchanged records are answered from what was read, until the holder writes', async () => {
    await seed('same', 3);
    const storage = ours();
    assert.deepEqual(codes(await storage.history('same')), codes(await other.history('same')));
    await storage.confirmHistory('same');
    // a change no operation under the lock makes (an old SUPERSEDED record rewritten) is not looked
    // for: that the history still shows the old text proves it was answered from the confirmed read
    await rewrite('same', 1, 'rewritten behind the lock');
    assert.equal((await storage.history('same'))[0]!.info?.Description, 'Install complete');
    // the holder's own write ends it: the history is listed again
    const latest = (await storage.history('same')).at(-1)!;
    latest.info!.Description = 'ours';
    await storage.update(latest);
    const after = await storage.history('same');
    assert.equal(after[0]!.info?.Description, 'rewritten behind the lock');
    assert.equal(after.at(-1)!.info?.Description, 'ours');
    storage.forgetHistory('same');
  });

  it('a history listed while the lock is held answers the later queries and reads, until the holder writes', async () => {
    await seed('listed', 2);
    const storage = ours();
    await storage.confirmHistory('listed'); // nothing read before the lock: nothing confirmed
    assert.deepEqual(codes(await storage.history('listed')), ['1:SUPERSEDED', '2:DEPLOYED']);
    // a change behind the lock, which no operation under it makes: still the listed history, so
    // recovery's read and the action's are one list
    await rewrite('listed', 1, 'rewritten behind the lock');
    assert.equal((await storage.history('listed'))[0]!.info?.Description, 'Install complete');
    assert.equal((await storage.deployed('listed')).version, 2);
    // reads by name too: every record there is, is in the listed history
    assert.equal((await storage.get('listed', 1)).info?.Description, 'Install complete');
    await assert.rejects(storage.get('listed', 3), ReleaseNotFoundError);
    // the holder's write ends it
    const latest = (await storage.history('listed')).at(-1)!;
    latest.info!.Description = 'ours';
    await storage.update(latest);
    assert.equal((await storage.history('listed'))[0]!.info?.Description, 'rewritten behind the lock');
    assert.equal((await storage.get('listed', 1)).info?.Description, 'rewritten behind the lock');
    // and the lock let go, every query lists again
    storage.forgetHistory('listed');
    await rewrite('listed', 1, 'after the lock');
    assert.equal((await storage.history('listed'))[0]!.info?.Description, 'after the lock');
    await rewrite('listed', 1, 'again');
    assert.equal((await storage.history('listed'))[0]!.info?.Description, 'again');
  });

  it('a revision added after the read is seen', async () => {
    await seed('added', 2);
    const storage = ours();
    await storage.history('added');
    await other.create(sampleRelease('added', 3, 'DEPLOYED'));
    await storage.confirmHistory('added');
    assert.deepEqual(
      (await storage.history('added')).map((r) => r.version),
      [1, 2, 3],
    );
    storage.forgetHistory('added');
  });

  it('the latest record rewritten after the read is seen', async () => {
    await seed('rewritten', 2);
    const storage = ours();
    await storage.history('rewritten');
    await rewrite('rewritten', 2, 'deleted meanwhile');
    await storage.confirmHistory('rewritten');
    assert.equal((await storage.history('rewritten')).at(-1)!.info?.Description, 'deleted meanwhile');
    storage.forgetHistory('rewritten');
  });

  it('a DEPLOYED record below the latest, settled after the read, is seen', async () => {
    await seed('settled', 2);
    // revision 3 FAILED on top of the DEPLOYED 2, and 1 left DEPLOYED by an interrupted operation
    await other.create(sampleRelease('settled', 3, 'FAILED'));
    await rewrite('settled', 1, 'Install complete', (rel) => (rel.info!.status!.code = 'DEPLOYED' as never));
    const storage = ours();
    await storage.history('settled');
    await rewrite('settled', 1, 'superseded by recovery');
    await storage.confirmHistory('settled');
    assert.equal((await storage.history('settled'))[0]!.info?.Description, 'superseded by recovery');
    storage.forgetHistory('settled');
  });

  it('a release purged after the read has no history; one installed after an empty read has', async () => {
    await seed('purged', 2);
    const storage = ours();
    await storage.history('purged');
    await other.delete('purged', 1);
    await other.delete('purged', 2);
    await storage.confirmHistory('purged');
    await assert.rejects(storage.history('purged'), ReleaseNotFoundError);
    storage.forgetHistory('purged');

    await assert.rejects(storage.history('fresh'), ReleaseNotFoundError);
    await other.create(sampleRelease('fresh', 1, 'DEPLOYED'));
    await storage.confirmHistory('fresh');
    assert.deepEqual(
      (await storage.history('fresh')).map((r) => r.version),
      [1],
    );
    storage.forgetHistory('fresh');
  });
});
