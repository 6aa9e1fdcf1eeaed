// The behaviour every storage driver must have (Helm 2's driver semantics + our conditional
// updates). Run by memory-driver.test.ts and, against the real apiserver, kube-drivers.test.ts.
import assert from 'node:assert/strict';
import { it } from 'mocha';
import {
  InvalidReleaseKeyError,
  ReleaseExistsError,
  ReleaseNotFoundError,
  StorageConflictError,
  type Driver,
} from '../src/index.js';
import { sampleRelease } from './sample-release.js';

export function driverContract(driver: () => Driver): void {
  it('create then get returns the same release', async () => {
    const d = driver();
    const rel = sampleRelease('alpha', 1);
    await d.create('alpha.v1', rel);
    const got = await d.get('alpha.v1');
    assert.equal(got.name, 'alpha');
    assert.equal(got.version, 1);
    assert.equal(got.namespace, 'apps');
    assert.equal(got.info?.status?.code, 'DEPLOYED');
    assert.deepEqual(got.info?.last_deployed, { seconds: 1_700_000_001, nanos: 500 });
    assert.equal(got.chart?.metadata?.name, 'demo');
    assert.equal(Buffer.from(got.chart!.files[0]!.value).toString(), '# demo\n');
    assert.deepEqual(got.hooks[0]?.events, ['POST_INSTALL']);
    assert.notEqual(await d.get('alpha.v1'), got, 'each get hands out a fresh object');
  });

  it('create of an existing key fails with "already exists"', async () => {
    const d = driver();
    await d.create('bravo.v1', sampleRelease('bravo', 1));
    await assert.rejects(d.create('bravo.v1', sampleRelease('bravo', 1)), (e: Error) => {
      assert.ok(e instanceof ReleaseExistsError);
      assert.equal(e.message, 'release: "bravo.v1" already exists');
      return true;
    });
  });

  it('get, update and delete of a missing key fail with "not found"', async () => {
    const d = driver();
    for (const op of [
      () => d.get('nobody.v1'),
      () => d.update('nobody.v1', sampleRelease('nobody', 1)),
      () => d.delete('nobody.v1'),
    ]) {
      await assert.rejects(op(), (e: Error) => {
        assert.ok(e instanceof ReleaseNotFoundError, String(e));
        assert.equal(e.message, 'release: "nobody.v1" not found');
        return true;
      });
    }
  });

  it('rejects keys that are not <name>.v<revision>', async () => {
    const d = driver();
    await assert.rejects(d.create('charlie', sampleRelease('charlie', 1)), InvalidReleaseKeyError);
    await assert.rejects(d.get('charlie.vX'), /release: "charlie.vX" invalid key/);
  });

  it('keeps names containing dots apart from the revision', async () => {
    const d = driver();
    await d.create('my.app.v2', sampleRelease('my.app', 2));
    const [found] = await d.query({ NAME: 'my.app', OWNER: 'TILLER' });
    assert.equal(found?.version, 2);
    assert.equal((await d.get('my.app.v2')).name, 'my.app');
  });

  it('update rewrites the record and its STATUS label', async () => {
    const d = driver();
    await d.create('delta.v1', sampleRelease('delta', 1));
    const rel = await d.get('delta.v1');
    rel.info!.status!.code = 'SUPERSEDED';
    rel.info!.Description = 'superseded by v2';
    await d.update('delta.v1', rel);
    const again = await d.get('delta.v1');
    assert.equal(again.info?.status?.code, 'SUPERSEDED');
    assert.equal(again.info?.Description, 'superseded by v2');
    assert.equal((await d.query({ NAME: 'delta', STATUS: 'SUPERSEDED' })).length, 1);
    await assert.rejects(d.query({ NAME: 'delta', STATUS: 'DEPLOYED' }), ReleaseNotFoundError);
  });

  it('delete returns the removed release', async () => {
    const d = driver();
    await d.create('echo.v1', sampleRelease('echo', 1));
    const gone = await d.delete('echo.v1');
    assert.equal(gone.name, 'echo');
    assert.equal(gone.version, 1);
    await assert.rejects(d.get('echo.v1'), ReleaseNotFoundError);
  });

  it('list returns every revision, filtered, ordered by name then revision', async () => {
    const d = driver();
    await d.create('golf.v2', sampleRelease('golf', 2, 'DEPLOYED'));
    await d.create('golf.v1', sampleRelease('golf', 1, 'SUPERSEDED'));
    await d.create('foxtrot.v1', sampleRelease('foxtrot', 1, 'FAILED'));
    const all = await d.list();
    const mine = all.filter((r) => r.name === 'golf' || r.name === 'foxtrot').map((r) => `${r.name}.v${r.version}`);
    assert.deepEqual(mine, ['foxtrot.v1', 'golf.v1', 'golf.v2']);
    const failed = await d.list((r) => r.info?.status?.code === 'FAILED');
    assert.deepEqual(
      failed.filter((r) => r.name === 'foxtrot').map((r) => r.version),
      [1],
    );
  });

  it('listLabels gives the NAME, OWNER, STATUS and VERSION, kept current by update', async () => {
    const d = driver();
    await d.create('labelled.v1', sampleRelease('labelled', 1, 'SUPERSEDED'));
    const v2 = sampleRelease('labelled', 2, 'PENDING_UPGRADE');
    await d.create('labelled.v2', v2);
    v2.info!.status!.code = 'DEPLOYED';
    await d.update('labelled.v2', v2);
    const mine = (await d.listLabels())
      .filter((l) => l.NAME === 'labelled')
      .map((l) => `${l.NAME}.v${l.VERSION} ${l.OWNER} ${l.STATUS}`)
      .sort();
    assert.deepEqual(mine, ['labelled.v1 TILLER SUPERSEDED', 'labelled.v2 TILLER DEPLOYED']);
  });

  it('listLabels selects the records of one release, of some statuses, or both', async () => {
    const d = driver();
    await d.create('sel-a.v1', sampleRelease('sel-a', 1, 'SUPERSEDED'));
    await d.create('sel-a.v2', sampleRelease('sel-a', 2, 'PENDING_UPGRADE'));
    await d.create('sel-b.v1', sampleRelease('sel-b', 1, 'DEPLOYED'));
    const seen = async (filter: Parameters<typeof d.listLabels>[0]) =>
      (await d.listLabels(filter))
        .filter((l) => l.NAME!.startsWith('sel-'))
        .map((l) => `${l.NAME}.v${l.VERSION}`)
        .sort();
    assert.deepEqual(await seen({ name: 'sel-a' }), ['sel-a.v1', 'sel-a.v2']);
    assert.deepEqual(await seen({ statuses: ['PENDING_UPGRADE', 'DEPLOYED'] }), ['sel-a.v2', 'sel-b.v1']);
    assert.deepEqual(await seen({ name: 'sel-a', statuses: ['DEPLOYED'] }), []);
  });

  it('listIfAtMost reads the selected records at once when there are at most max, and says when there are more', async () => {
    const d = driver();
    assert.ok(d.listIfAtMost, 'every driver of ours reads a few records in one go');
    for (const v of [1, 2, 3])
      await d.create(`few.v${v}`, sampleRelease('few', v, v === 3 ? 'DEPLOYED' : 'SUPERSEDED'));
    const versions = async (max: number, select: Parameters<typeof d.list>[1]) =>
      (await d.listIfAtMost!(max, select))?.map((r) => `${r.name}.v${r.version}`);
    assert.deepEqual(await versions(3, { name: 'few' }), ['few.v1', 'few.v2', 'few.v3']);
    assert.deepEqual(await versions(10, { name: 'few' }), ['few.v1', 'few.v2', 'few.v3']);
    assert.equal(await versions(2, { name: 'few' }), undefined);
    assert.deepEqual(await versions(1, { name: 'few', statuses: ['DEPLOYED'] }), ['few.v3']);
  });

  it('query matches all given labels and fails with "not found" when nothing does', async () => {
    const d = driver();
    await d.create('hotel.v1', sampleRelease('hotel', 1, 'SUPERSEDED'));
    await d.create('hotel.v2', sampleRelease('hotel', 2, 'DEPLOYED'));
    assert.deepEqual(
      (await d.query({ NAME: 'hotel', OWNER: 'TILLER' })).map((r) => r.version),
      [1, 2],
    );
    assert.deepEqual(
      (await d.query({ NAME: 'hotel', OWNER: 'TILLER', STATUS: 'DEPLOYED' })).map((r) => r.version),
      [2],
    );
    assert.deepEqual(
      (await d.query({ NAME: 'hotel', VERSION: '1' })).map((r) => r.info?.status?.code),
      ['SUPERSEDED'],
    );
    await assert.rejects(d.query({ NAME: 'india', OWNER: 'TILLER' }), (e: Error) => {
      assert.ok(e instanceof ReleaseNotFoundError);
      assert.equal(e.message, 'release: "india" not found');
      return true;
    });
  });

  it('of two writers that read the same revision, only the first update wins', async () => {
    const d = driver();
    await d.create('juliet.v1', sampleRelease('juliet', 1, 'PENDING_INSTALL'));
    const a = await d.get('juliet.v1');
    const b = await d.get('juliet.v1');
    a.info!.status!.code = 'DEPLOYED';
    await d.update('juliet.v1', a);
    b.info!.status!.code = 'FAILED';
    await assert.rejects(d.update('juliet.v1', b), (e: Error) => {
      assert.ok(e instanceof StorageConflictError, String(e));
      assert.match(e.message, /juliet\.v1" was modified by another writer/);
      return true;
    });
    assert.equal((await d.get('juliet.v1')).info?.status?.code, 'DEPLOYED');
    // The winner's object stays current: it can update again.
    a.info!.Description = 'again';
    await d.update('juliet.v1', a);
    // The loser re-reads and then succeeds.
    const b2 = await d.get('juliet.v1');
    b2.info!.status!.code = 'SUPERSEDED';
    await d.update('juliet.v1', b2);
    assert.equal((await d.get('juliet.v1')).info?.status?.code, 'SUPERSEDED');
  });

  it('the object passed to create can be updated, unless someone else wrote since', async () => {
    const d = driver();
    const rel = sampleRelease('kilo', 1, 'PENDING_INSTALL');
    await d.create('kilo.v1', rel);
    assert.ok(d.recordVersionOf(rel));
    rel.info!.status!.code = 'DEPLOYED';
    await d.update('kilo.v1', rel);
    const other = await d.get('kilo.v1');
    other.info!.Description = 'other writer';
    await d.update('kilo.v1', other);
    rel.info!.status!.code = 'FAILED';
    await assert.rejects(d.update('kilo.v1', rel), StorageConflictError);
  });

  it('an explicit stale recordVersion conflicts; a fresh release object writes unconditionally', async () => {
    const d = driver();
    await d.create('lima.v1', sampleRelease('lima', 1));
    const read = await d.get('lima.v1');
    const stale = d.recordVersionOf(read)!;
    await d.update('lima.v1', read);
    await assert.rejects(
      d.update('lima.v1', sampleRelease('lima', 1, 'FAILED'), { recordVersion: stale }),
      StorageConflictError,
    );
    await d.update('lima.v1', sampleRelease('lima', 1, 'FAILED'));
    assert.equal((await d.get('lima.v1')).info?.status?.code, 'FAILED');
  });

  it('of 8 concurrent conditional updates of one record exactly one succeeds', async () => {
    const d = driver();
    await d.create('mike.v1', sampleRelease('mike', 1, 'PENDING_UPGRADE'));
    const copies = await Promise.all(Array.from({ length: 8 }, () => d.get('mike.v1')));
    const results = await Promise.allSettled(
      copies.map((c, i) => {
        c.info!.Description = `writer ${i}`;
        return d.update('mike.v1', c);
      }),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    for (const r of results)
      if (r.status === 'rejected') assert.ok(r.reason instanceof StorageConflictError, String(r.reason));
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    assert.equal((await d.get('mike.v1')).info?.Description, `writer ${winner}`);
  });
}
