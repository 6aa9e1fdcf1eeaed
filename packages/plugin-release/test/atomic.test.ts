import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { useTiller } from './tiller-fixture.js';

const rejected = fileURLToPath(new URL('fixtures/rejected', import.meta.url));

/** --atomic is carried out by Tiller, so it also covers releases whose name Tiller generated. */
describe('install --atomic @cluster', function () {
  this.timeout(180_000);
  const t = useTiller('atomic');

  it('leaves a FAILED release behind without --atomic', async () => {
    const r = await t.helmts(['install', rejected, '--name', 'kept', '--namespace', t.ns]);
    assert.notEqual(r.status, 0);
    const all = JSON.parse((await t.helmts(['list', '--all', '--output', 'json'])).stdout) as {
      Releases: { Name: string; Status: string }[];
    };
    assert.deepEqual(
      all.Releases.map((x) => [x.Name, x.Status]),
      [['kept', 'FAILED']],
    );
  });

  it('purges the failed release with --atomic, even when Tiller generated its name', async () => {
    const r = await t.helmts(['install', rejected, '--namespace', t.ns, '--atomic', '--timeout', '30']);
    assert.notEqual(r.status, 0);
    // Helm 2's client's lines (Tiller purged it: the client only says so)
    assert.match(
      r.stdout,
      /^INSTALL FAILED\nPURGING CHART\nError: release \S+ failed: .*Not_A_Valid_Name.*\nSuccessfully purged a chart!\n$/,
    );
    assert.match(r.stderr, /^Error: release \S+ failed: .*Not_A_Valid_Name/m);
    const all = JSON.parse((await t.helmts(['list', '--all', '--output', 'json'])).stdout) as {
      Releases: { Name: string }[];
    };
    assert.deepEqual(
      all.Releases.map((x) => x.Name),
      ['kept'],
    );
  });
});
