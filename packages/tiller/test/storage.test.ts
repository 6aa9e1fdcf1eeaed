import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MemoryDriver, Storage } from '../src/index.js';
import { sampleRelease } from './sample-release.js';
import { revisions, seed, storageBehaviour } from './storage-behaviour.js';

describe('Storage over the memory driver', () => {
  storageBehaviour(() => new MemoryDriver());

  it('--history-max 0 keeps everything', async () => {
    const s = new Storage(new MemoryDriver());
    await seed(s, 'all', ['SUPERSEDED', 'SUPERSEDED', 'SUPERSEDED', 'DEPLOYED']);
    assert.equal((await s.history('all')).length, 4);
  });

  it('--history-max 1 keeps only the new revision once one is DEPLOYED', async () => {
    const s = new Storage(new MemoryDriver(), { maxHistory: 1 });
    await seed(s, 'one', ['DEPLOYED']);
    const v1 = await s.get('one', 1);
    v1.info!.status!.code = 'SUPERSEDED';
    await s.update(v1);
    await s.create(sampleRelease('one', 2, 'DEPLOYED'));
    // v1 was not DEPLOYED any more when v2 was created, but there was no DEPLOYED revision then
    // either, so nothing was pruned (quirk); creating v3 prunes down to it.
    assert.deepEqual(await revisions(s, 'one'), ['1:SUPERSEDED', '2:DEPLOYED']);
    await s.create(sampleRelease('one', 3, 'PENDING_UPGRADE'));
    assert.deepEqual(await revisions(s, 'one'), ['2:DEPLOYED', '3:PENDING_UPGRADE']);
  });
});

describe('last() from the revision this storage wrote', () => {
  // `other` is another Tiller replica on the same records
  it('is the latest while no one else wrote, and sees another writer, a purge and a re-install', async () => {
    let lists = 0;
    const driver = new (class extends MemoryDriver {
      override query(...args: Parameters<MemoryDriver['query']>) {
        lists++;
        return super.query(...args);
      }
    })();
    const ours = new Storage(driver);
    const other = new Storage(driver);
    await ours.create(sampleRelease('web', 1, 'SUPERSEDED'));
    await ours.create(sampleRelease('web', 2, 'DEPLOYED'));
    assert.equal((await ours.last('web')).version, 2);
    assert.equal(lists, 0, 'read by name, not listed');
    await other.create(sampleRelease('web', 3, 'DEPLOYED'));
    assert.equal((await ours.last('web')).version, 3);
    // ours rewrites an old revision: the hint stays the highest it wrote, last() still sees 3
    const old = await ours.get('web', 1);
    old.info!.Description = 'touched';
    await ours.update(old);
    assert.equal((await ours.last('web')).version, 3);
    for (const v of [1, 2, 3]) await other.delete('web', v);
    await assert.rejects(ours.last('web'), /release: "web" not found/);
    await other.create(sampleRelease('web', 1, 'DEPLOYED'));
    assert.equal((await ours.last('web')).version, 1);
    assert.equal((await ours.last('web')).info?.Description, 'Install complete');
  });
});
