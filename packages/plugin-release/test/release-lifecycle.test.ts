import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { useTiller } from './tiller-fixture.js';

const chart = fileURLToPath(new URL('fixtures/webapp', import.meta.url));

/**
 * The user's side end to end: a `helmts` child process → gRPC → a real Tiller → the local
 * kube-apiserver, checking what users see and what the cluster holds at each step.
 */
describe('release lifecycle through Tiller @cluster', function () {
  this.timeout(180_000);
  const t = useTiller('apps');
  const { ns, tillerNs, helmts } = t;
  const release = 'lifecycle';
  const configValue = async (name: string) => (await t.core.readNamespacedConfigMap({ name, namespace: ns })).data;

  it('installs a chart and prints the status block with NOTES', async () => {
    const r = await helmts([
      'install',
      chart,
      '--name',
      release,
      '--namespace',
      ns,
      '--set',
      'greeting=hi',
      '--progress',
      'plain',
    ]);
    assert.equal(r.status, 0, r.stderr);
    // Tiller's progress stream, one plain line per event on stderr.
    assert.match(r.stderr, /^phase APPLYING$/m);
    assert.match(r.stderr, /^ConfigMap\/lifecycle-config created$/m);
    assert.match(r.stderr, /^succeeded: Install complete$/m);
    assert.match(
      r.stdout,
      new RegExp(
        `^NAME: {3}${release}\\nLAST DEPLOYED: \\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\\nNAMESPACE: ${ns}\\nSTATUS: DEPLOYED\\n`,
      ),
    );
    assert.match(r.stdout, /NOTES:\nThanks for installing webapp as lifecycle\./);
    assert.deepEqual(await configValue(`${release}-config`), { greeting: 'hi', revision: '1' });
    const record = await t.core.readNamespacedConfigMap({ name: `${release}.v1`, namespace: tillerNs });
    assert.equal(record.metadata?.labels?.OWNER, 'TILLER');
    assert.equal(record.metadata?.labels?.STATUS, 'DEPLOYED');
  });

  it('diff shows what an upgrade would change and where the live cluster drifted', async () => {
    await t.core.patchNamespacedConfigMap({
      name: `${release}-config`,
      namespace: ns,
      body: [{ op: 'replace', path: '/data/greeting', value: 'edited-by-hand' }],
    });
    const r = await helmts(['diff', release, chart, '--set', 'greeting=ciao', '--drift']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^v1\/ConfigMap .*lifecycle-config \(changed\)\n/m);
    assert.match(r.stdout, /^- {2}greeting: hi$/m);
    assert.match(r.stdout, /^\+ {2}greeting: ciao$/m);
    assert.match(r.stdout, /Drift \(release → live\):/);
    assert.match(r.stdout, /^\+ {2}greeting: edited-by-hand$/m);
    const json = await helmts(['diff', release, chart, '--set', 'greeting=ciao', '--output', 'json']);
    const parsed = JSON.parse(json.stdout) as { upgrade: { key: string; change: string }[] };
    assert.deepEqual(
      parsed.upgrade.map((c) => c.change),
      ['changed'],
    );
    // A dry run stores nothing.
    const history = JSON.parse((await helmts(['history', release, '--output', 'json'])).stdout) as unknown[];
    assert.equal(history.length, 1);
  });

  it("diff --drift: none for objects stored as sent (a CRD's x-kubernetes-* fields, YAML 1.1 keys and octal)", async () => {
    const chart = fileURLToPath(new URL('fixtures/yaml11', import.meta.url));
    const install = await helmts(['install', chart, '--name', 'yaml11', '--namespace', ns]);
    assert.equal(install.status, 0, install.stderr);
    try {
      const r = await helmts(['diff', 'yaml11', chart, '--drift']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'No changes from the upgrade.\n\nNo drift: the live objects match the release.\n');
      // a Secret written with stringData, changed by hand, shows the new text
      await t.core.patchNamespacedSecret({
        name: 'yaml11-text',
        namespace: ns,
        body: [{ op: 'replace', path: '/data/greeting', value: Buffer.from('edited').toString('base64') }],
      });
      const edited = await helmts(['diff', 'yaml11', chart, '--drift']);
      assert.match(edited.stdout, /^v1\/Secret yaml11-text \(changed\)$/m);
      assert.match(edited.stdout, /^- {2}greeting: hello$/m);
      assert.match(edited.stdout, /^\+ {2}greeting: edited$/m);
    } finally {
      await helmts(['delete', '--purge', 'yaml11']);
    }
  });

  it("diff --drift: a bare Pod's injected token volume is not drift, its image changed by hand is", async () => {
    const chart = fileURLToPath(new URL('fixtures/bare-pod', import.meta.url));
    const install = await helmts(['install', chart, '--name', 'bare-pod', '--namespace', ns]);
    assert.equal(install.status, 0, install.stderr);
    try {
      const pod = await t.core.readNamespacedPod({ name: 'bare-pod', namespace: ns });
      assert.ok(
        pod.spec?.volumes?.some((v) => v.name.startsWith('kube-api-access-')),
        'no token volume injected',
      );
      const r = await helmts(['diff', 'bare-pod', chart, '--drift']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'No changes from the upgrade.\n\nNo drift: the live objects match the release.\n');
      await t.core.patchNamespacedPod({
        name: 'bare-pod',
        namespace: ns,
        body: [{ op: 'replace', path: '/spec/containers/0/image', value: 'localhost/helmts/web:1.35.0' }],
      });
      const edited = await helmts(['diff', 'bare-pod', chart, '--drift']);
      assert.match(edited.stdout, /^v1\/Pod bare-pod \(changed\)$/m);
      assert.match(edited.stdout, /^- +image: localhost\/helmts\/busybox:1\.35\.0$/m);
      assert.match(edited.stdout, /^\+ +image: localhost\/helmts\/web:1\.35\.0$/m);
      assert.doesNotMatch(edited.stdout, /kube-api-access/);
    } finally {
      await helmts(['delete', '--purge', 'bare-pod']);
    }
  });

  it('lists the release as a table and as JSON', async () => {
    const table = await helmts(['list']);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^NAME\s+\tREVISION\tUPDATED\s+\tSTATUS\s+\tCHART\s+\tAPP VERSION\tNAMESPACE\s*\n/);
    assert.match(
      table.stdout,
      new RegExp(
        `\\n${release}\\s*\\t1\\s*\\t.+\\tDEPLOYED\\t webapp-0\\.1\\.0\\t1\\.0\\s*\\t${ns}`.replace(
          '\\t webapp',
          '\\twebapp',
        ),
      ),
    );
    const json = await helmts(['list', '--output', 'json']);
    // Helm 2's listResult: {"Next":..., "Releases":[{"Name",...}]}
    const parsed = JSON.parse(json.stdout) as {
      Releases: { Name: string; Revision: number; Status: string; Chart: string }[];
    };
    assert.deepEqual(
      parsed.Releases.map((x) => [x.Name, x.Revision, x.Status, x.Chart]),
      [[release, 1, 'DEPLOYED', 'webapp-0.1.0']],
    );
  });

  it('upgrades with new values, adding an object', async () => {
    const r = await helmts(['upgrade', release, chart, '--set', 'greeting=bonjour,extra=true']);
    assert.equal(r.status, 0, r.stderr);
    // Piped, the default shows no progress at all.
    assert.equal(r.stderr, '');
    // as Helm 2: no NAME line after an upgrade, the status right away
    assert.match(r.stdout, new RegExp(`^Release "${release}" has been upgraded\\.\\nLAST DEPLOYED: `));
    assert.deepEqual(await configValue(`${release}-config`), { greeting: 'bonjour', revision: '2' });
    assert.deepEqual(await configValue(`${release}-extra`), { present: 'yes' });
  });

  it('shows the user-supplied and computed values of a revision', async () => {
    const user = await helmts(['get', 'values', release, '--revision', '2']);
    // Helm 2 prints the YAML with Println: one more newline
    assert.equal(user.stdout, 'extra: true\ngreeting: bonjour\n\n');
    const all = await helmts(['get', 'values', release, '--all', '--revision', '1']);
    assert.equal(all.stdout, 'extra: false\ngreeting: hi\n\n');
  });

  it('rolls back to revision 1 as a new revision, deleting what revision 1 did not have', async () => {
    const r = await helmts(['rollback', release, '1']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'Rollback was a success.\n');
    // Helm 2 rolls back to the stored manifest of revision 1; it does not re-render it.
    assert.deepEqual(await configValue(`${release}-config`), { greeting: 'hi', revision: '1' });
    await assert.rejects(configValue(`${release}-extra`), (e: { code?: number }) => e.code === 404);
  });

  it('prints the history oldest first', async () => {
    const r = await helmts(['history', release, '--output', 'json']);
    const rows = JSON.parse(r.stdout) as { revision: number; status: string; chart: string; description: string }[];
    assert.deepEqual(
      rows.map((x) => [x.revision, x.status, x.description]),
      [
        [1, 'SUPERSEDED', 'Install complete'],
        [2, 'SUPERSEDED', 'Upgrade complete'],
        [3, 'DEPLOYED', 'Rollback to 1'],
      ],
    );
  });

  it('prints the manifest and the status as JSON', async () => {
    const manifest = await helmts(['get', 'manifest', release]);
    assert.match(manifest.stdout, /# Source: webapp\/templates\/configmap\.yaml\n/);
    const status = await helmts(['status', release, '-o', 'json']);
    // Helm 2's GetReleaseStatusResponse through Go's encoding/json: one line, the status code a number
    assert.match(status.stdout, /^\{"name":"lifecycle","info":\{"status":\{"code":1,/);
    assert.equal(status.stdout.split('\n').length, 2);
    const parsed = JSON.parse(status.stdout) as { name: string; namespace: string; info: { status: { code: number } } };
    assert.equal(parsed.name, release);
    assert.equal(parsed.namespace, ns);
    assert.equal(parsed.info.status.code, 1);
  });

  it('deletes keeping history, then purges', async () => {
    const del = await helmts(['delete', release]);
    assert.equal(del.status, 0, del.stderr);
    assert.match(del.stdout, /release "lifecycle" deleted/);
    await assert.rejects(configValue(`${release}-config`), (e: { code?: number }) => e.code === 404);
    const deleted = await helmts(['list', '--deleted', '--short']);
    assert.equal(deleted.stdout, `${release}\n`);
    const purge = await helmts(['delete', release, '--purge']);
    assert.equal(purge.status, 0, purge.stderr);
    const records = await t.core.listNamespacedConfigMap({ namespace: tillerNs, labelSelector: `NAME=${release}` });
    assert.equal(records.items.length, 0);
  });

  describe('errors a user can act on', () => {
    it('names the unknown release', async () => {
      const r = await helmts(['status', 'no-such-release']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^Error: .*"no-such-release"/);
      assert.equal(r.stderr.trim().split('\n').length <= 2, true, r.stderr);
    });

    it('rejects an invalid --set as Helm 2 does: its words, exit code 1', async () => {
      const r = await helmts(['install', chart, '--name', 'bad-set', '--set', 'a[=1']);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, 'Error: failed parsing --set data: error parsing index: EOF\n');
    });

    it('says the chart was not found', async () => {
      const r = await helmts(['install', join(t.home, 'no-such-chart'), '--name', 'nochart']);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /^Error: .*no-such-chart/);
    });

    it('names the Tiller address it could not reach', async () => {
      const r = await helmts(['list', '--tiller-connection-timeout', '2'], { HELMTS_HOST: '127.0.0.1:1' });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^Error: cannot reach Tiller at 127\.0\.0\.1:1: /);
      assert.match(r.stderr, /Hint: /);
    });
  });
});
