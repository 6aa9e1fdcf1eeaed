// One operation per release: concurrent upgrades, and a Tiller killed mid-upgrade.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { after, before, describe, it } from 'mocha';
import { startTiller, silentLogger } from '../src/index.js';
import { call, makeChart, startFixture, type TillerFixture } from './tiller-fixture.js';

const chart = makeChart(
  {
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  n: {{ .Values.count | printf "%q" }}\n',
  },
  'count: "0"\n',
);

describe('release locking and crash recovery @cluster', function () {
  this.timeout(180_000);
  let f: TillerFixture;
  before(async () => {
    f = await startFixture();
  });
  after(async () => f?.close());

  it('20 concurrent UpdateRelease calls: each succeeds as its own revision or gets FailedPrecondition', async () => {
    await call(f.client, 'InstallRelease', { chart, name: 'busy', namespace: f.releaseNs });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        call(f.client, 'UpdateRelease', { name: 'busy', chart, values: { raw: `count: "${i + 1}"\n` } }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const r of rejected) {
      assert.equal((r.reason as grpc.ServiceError).code, grpc.status.FAILED_PRECONDITION, (r.reason as Error).message);
      assert.match(
        (r.reason as grpc.ServiceError).details,
        /another operation \(upgrade [^)]+\) is in progress for release "busy"/,
      );
    }
    assert.ok(ok >= 1);
    const versions = (await f.tiller.context.storage.history('busy')).map((r) => r.version).sort((a, b) => a - b);
    assert.deepEqual(
      versions,
      Array.from({ length: ok + 1 }, (_, i) => i + 1),
      'no gaps, no duplicates',
    );
    const deployed = (await f.tiller.context.storage.history('busy')).filter(
      (r) => r.info?.status?.code === 'DEPLOYED',
    );
    assert.equal(deployed.length, 1);
    assert.equal(deployed[0]!.version, ok + 1);
  });

  it('kill -9 of Tiller during an upgrade, restart: not stuck, no revision lost', async () => {
    await call(f.client, 'InstallRelease', { chart, name: 'crash', namespace: f.releaseNs });
    // a child Tiller whose upgrade blocks in --wait on a Deployment that never becomes ready
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/bin/tiller.ts',
        '--listen',
        '127.0.0.1:0',
        '--probe-listen',
        '',
        '--namespace',
        f.tillerNs,
        '--lease-seconds',
        '600',
      ],
      {
        env: { ...process.env, KUBECONFIG: process.env.KUBECONFIG },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (c) => reject(new Error(`child tiller exited ${c}`)));
    });
    const { createReleaseServiceClient } = await import('@helmts/proto');
    const client = createReleaseServiceClient(address, grpc.credentials.createInsecure());
    const dep =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
    const chart2 = makeChart(
      {
        ...Object.fromEntries(chart.templates!.map((t) => [t.name, new TextDecoder().decode(t.data as Uint8Array)])),
        'templates/dep.yaml': dep,
      },
      'count: "0"\n',
    );
    const upgrade = call(client, 'UpdateRelease', { name: 'crash', chart: chart2, wait: true, timeout: 600 }).catch(
      (e: Error) => e,
    );
    // wait until the new revision is recorded PENDING_UPGRADE, then kill -9
    for (;;) {
      const h = await f.tiller.context.storage.history('crash');
      if (h.some((r) => r.version === 2 && r.info?.status?.code === 'PENDING_UPGRADE')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.ok((await upgrade) instanceof Error);
    client.close();
    // the lease is still held by the dead process (600 s); another operation is refused until recovery
    const restarted = await startTiller({
      listen: '127.0.0.1:0',
      kubeConfig: f.kc,
      namespace: f.tillerNs,
      logger: silentLogger,
      pollMs: 200,
    });
    try {
      const h = (await restarted.context.storage.history('crash')).map((r) => `${r.version}:${r.info?.status?.code}`);
      assert.deepEqual(h, ['1:DEPLOYED', '2:FAILED']);
      assert.match(
        (await restarted.context.storage.get('crash', 2)).info!.Description,
        /^The upgrade did not finish: the Tiller running it stopped or lost the API server; marked failed \(was PENDING_UPGRADE\)$/,
      );
      const { upgradeRelease } = await import('../src/index.js');
      const next = await upgradeRelease(restarted.context, {
        name: 'crash',
        chart: chart as never,
        values: 'count: "9"\n',
      });
      assert.equal(next.release.version, 3);
    } finally {
      await restarted.stop(5000);
    }
  });
});
