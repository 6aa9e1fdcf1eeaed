// The gRPC server without a cluster: memory storage, version check, list chunking, probes, late
// WatchOperation watchers.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { after, before, describe, it } from 'mocha';
import { KubeConfig } from '@kubernetes/client-node';
import {
  createReleaseServiceClient,
  MAX_MESSAGE_BYTES,
  type ListReleasesResponse,
  type ReleaseServiceClient,
} from '@helmts/proto';
import { startTiller, silentLogger, type TillerHandle } from '../src/index.js';
import { call, collect, makeChart } from './tiller-fixture.js';

function offlineKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'none', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
    users: [{ name: 'none' }],
    contexts: [{ name: 'none', cluster: 'none', user: 'none' }],
    currentContext: 'none',
  });
  return kc;
}

describe('tiller gRPC server (memory storage, no cluster)', function () {
  this.timeout(60_000);
  let tiller: TillerHandle;
  let client: ReleaseServiceClient;
  before(async () => {
    tiller = await startTiller({
      listen: '127.0.0.1:0',
      probeListen: '127.0.0.1:0',
      storage: 'memory',
      kubeConfig: offlineKubeConfig(),
      namespace: 'kube-system',
      logger: silentLogger,
    });
    client = createReleaseServiceClient(tiller.address, grpc.credentials.createInsecure());
  });
  after(async () => {
    client?.close();
    await tiller?.stop(1000);
  });

  it('answers the probes', async () => {
    for (const p of ['/liveness', '/readiness']) {
      const res = await fetch(`http://127.0.0.1:${tiller.probePort}${p}`);
      assert.equal(res.status, 200);
    }
  });

  it('refuses an incompatible client on every call but GetVersion', async () => {
    const old = createReleaseServiceClient(tiller.address, grpc.credentials.createInsecure(), {
      clientVersion: 'v3.0.0',
    });
    try {
      const v = await new Promise<unknown>((res, rej) => old.GetVersion({}, (e, r) => (e ? rej(e) : res(r))));
      assert.ok(v);
      await assert.rejects(
        new Promise((res, rej) => old.GetHistory({ name: 'x' }, (e, r) => (e ? rej(e) : res(r)))),
        (e: grpc.ServiceError) => e.code === grpc.status.FAILED_PRECONDITION && /incompatible versions/.test(e.details),
      );
    } finally {
      old.close();
    }
  });

  it('streams ListReleases in chunks under the message limit', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    for (let i = 0; i < 12; i++) {
      await tiller.context.storage.create({
        name: `big-${String(i).padStart(2, '0')}`,
        version: 1,
        namespace: 'default',
        manifest: big,
        info: { status: { code: 'DEPLOYED' } },
      });
    }
    const pages = (await collect(client.ListReleases({ sort_by: 'NAME' }))) as ListReleasesResponse[];
    assert.ok(pages.length >= 2, `${pages.length} pages`);
    for (const p of pages) assert.ok(p.releases.reduce((n, r) => n + r.manifest.length, 0) < MAX_MESSAGE_BYTES);
    assert.deepEqual(
      pages.flatMap((p) => p.releases.map((r) => r.name)),
      Array.from({ length: 12 }, (_, i) => `big-${String(i).padStart(2, '0')}`),
    );
    assert.ok(pages.every((p) => p.total === 12));
  });

  it("refuses a chart whose values.yaml cannot be read in Helm 2's words, storing nothing", async () => {
    const chart = makeChart({ 'templates/cm.yaml': 'kind: ConfigMap\n' }, 'a: 1\n b: 2\n', 'broken');
    for (const dry_run of [false, true]) {
      await assert.rejects(
        call(client, 'InstallRelease', { chart, name: 'broken-values', namespace: 'default', dry_run }),
        (e: grpc.ServiceError) =>
          e.code === grpc.status.INVALID_ARGUMENT &&
          e.details ===
            "Error: Reading chart 'broken' default values (a: 1\n b: 2\n): error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context",
      );
    }
    await assert.rejects(tiller.context.storage.history('broken-values'), /release: "broken-values" not found/);
  });

  it('replays a finished operation to a late watcher and waits for one not started yet', async () => {
    const sink = tiller.context.bus.begin('late-1', 'demo', 'UPGRADE', 2);
    sink.phase('STARTED');
    sink.resource({
      action: 'UPDATED',
      api_version: 'v1',
      kind: 'ConfigMap',
      namespace: 'default',
      name: 'a',
      message: '',
    });
    sink.finish({ success: true, status: 'DEPLOYED' });
    const late = await collect(client.WatchOperation({ operation_id: 'late-1', release: '' }));
    assert.deepEqual(
      late.map((e) => e.event),
      ['phase', 'resource', 'result'],
    );
    assert.equal(late[2]!.result!.status, 'DEPLOYED');

    const early = collect(client.WatchOperation({ operation_id: '', release: 'demo2' }));
    await new Promise((r) => setTimeout(r, 200));
    const s2 = tiller.context.bus.begin('op-2', 'demo2', 'INSTALL', 1);
    s2.phase('RENDERING');
    s2.finish({ success: false, message: 'boom' });
    const events = await early;
    assert.deepEqual(
      events.map((e) => e.sequence),
      [1, 2],
    );
    assert.equal(events[1]!.result!.message, 'boom');
    assert.equal(events[0]!.operation_id, 'op-2');
  });
});
