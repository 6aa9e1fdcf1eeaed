import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadChart, saveChartArchive } from '@helmts/chart';
import { HELMTS_BIN } from '@helmts/testkit';

import { useTiller } from './tiller-fixture.js';
import { freePort } from '@helmts/testkit';

const chartDir = fileURLToPath(new URL('fixtures/webapp', import.meta.url));

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** `install repo/chart` from a repository served by `helmts serve`, into the real cluster. */
describe('install from a chart repository served by helmts serve @cluster', function () {
  this.timeout(180_000);
  const t = useTiller('repo-apps');
  const { ns, helmts } = t;
  let serve: ChildProcess | undefined;
  let repoUrl: string;

  before(async () => {
    const charts = join(t.home, 'served');
    mkdirSync(charts);
    saveChartArchive(loadChart(chartDir), charts);
    const address = `127.0.0.1:${await freePort()}`;
    serve = spawn(process.execPath, [HELMTS_BIN, 'serve', '--address', address, '--repo-path', charts], {
      env: { ...process.env, HELMTS_HOME: t.home },
      stdio: 'ignore',
    });
    repoUrl = `http://${address}/charts`;
    await waitForHttp(`${repoUrl}/index.yaml`);
  });

  after(() => serve?.kill());

  it('adds the repository and installs repo/chart with a version range', async () => {
    const add = await helmts(['repo', 'add', 'served', repoUrl]);
    assert.equal(add.status, 0, add.stderr);
    const install = await helmts([
      'install',
      'served/webapp',
      '--version',
      '^0.1',
      '--name',
      'fromrepo',
      '--namespace',
      ns,
    ]);
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stdout, /STATUS: DEPLOYED/);
    const cm = await t.core.readNamespacedConfigMap({ name: 'fromrepo-config', namespace: ns });
    assert.equal(cm.data?.greeting, 'hello');
  });

  it('says which version constraint no chart satisfies', async () => {
    const r = await helmts(['install', 'served/webapp', '--version', '>=9', '--name', 'nover', '--namespace', ns]);
    assert.notEqual(r.status, 0);
    // Helm 2's words; with --debug the reason, naming the constraint
    assert.equal(r.stderr, 'Error: failed to download "served/webapp" (hint: running `helmts repo update` may help)\n');
    const debug = await helmts([
      'install',
      'served/webapp',
      '--version',
      '>=9',
      '--name',
      'nover',
      '--namespace',
      ns,
      '--debug',
    ]);
    assert.notEqual(debug.status, 0);
    assert.match(debug.stderr, /webapp.*>=9/);
  });

  it('installs by name with --repo URL, without adding the repository', async () => {
    const r = await helmts(['install', 'webapp', '--repo', repoUrl, '--name', 'byurl', '--namespace', ns]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /NAME: {3}byurl/);
  });
});
