import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { useTiller } from './tiller-fixture.js';

const chart = fileURLToPath(new URL('fixtures/dialects', import.meta.url));

/**
 * Render dialects through Tiller: it renders as Helm 2.17.0 by default, `install/upgrade --dialect
 * helm3` as today's Helm, and `diff RELEASE --dialect helm3` previews that migration per object.
 */
describe('render dialects through Tiller @cluster', function () {
  this.timeout(180_000);
  const t = useTiller('dialects');
  const { helmts } = t;

  it('installs as Helm 2.17.0 by default: heritage Tiller, .Release.Time', async () => {
    const r = await helmts(['install', chart, '--name', 'dia2', '--namespace', t.ns]);
    assert.equal(r.status, 0, r.stderr);
    const manifest = (await helmts(['get', 'manifest', 'dia2'])).stdout;
    assert.match(manifest, /name: dia2-config\n {2}labels:\n {4}heritage: Tiller\n/);
    assert.match(manifest, /name: dia2-time\n/);
  });

  it('diff RELEASE --dialect helm3 shows per object what moving to helm3 changes', async () => {
    const r = await helmts(['diff', 'dia2', '--dialect', 'helm3']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Migration preview \(helm2 → helm3\):\n/);
    assert.match(r.stdout, /^v1\/ConfigMap .*dia2-app \(changed\)\n/m);
    assert.match(r.stdout, /^- {4}heritage: Tiller$/m);
    assert.match(r.stdout, /^\+ {4}heritage: Helm$/m);
    assert.match(r.stdout, /^- {4}checksum\/config: /m, 'the checksum of the included text changes');
    assert.match(r.stdout, /^v1\/ConfigMap .*dia2-time \(removed\)\n/m);
    const json = JSON.parse((await helmts(['diff', 'dia2', '--dialect', 'helm3', '-o', 'json'])).stdout) as {
      migration: { key: string; change: string }[];
    };
    assert.deepEqual(json.migration.map((c) => c.change).sort(), ['changed', 'changed', 'removed']);
    const none = await helmts(['diff', 'dia2']);
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /give a CHART to diff an upgrade, or --dialect helm3 for a migration preview/);
    // dry runs store nothing
    const history = JSON.parse((await helmts(['history', 'dia2', '--output', 'json'])).stdout) as unknown[];
    assert.equal(history.length, 1);
  });

  it("install and upgrade --dialect helm3 render as today's Helm", async () => {
    const r = await helmts(['install', chart, '--name', 'dia3', '--namespace', t.ns, '--dialect', 'helm3']);
    assert.equal(r.status, 0, r.stderr);
    const manifest = (await helmts(['get', 'manifest', 'dia3'])).stdout;
    assert.match(manifest, /heritage: Helm\n/);
    assert.doesNotMatch(manifest, /dia3-time/);
    const up = await helmts(['upgrade', 'dia2', chart, '--dialect', 'helm3']);
    assert.equal(up.status, 0, up.stderr);
    assert.match((await helmts(['get', 'manifest', 'dia2'])).stdout, /heritage: Helm\n/);
  });
});
