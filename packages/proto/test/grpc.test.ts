// A real grpc-js server and client over loopback TCP, using the package's typed helpers.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { after, before, describe, it } from 'mocha';
import {
  HELM_API_CLIENT_HEADER,
  HELM_API_VERSION,
  MAX_MESSAGE_BYTES,
  OPERATION_ID_HEADER,
  addReleaseService,
  bindServer,
  createReleaseServiceClient,
  createTillerGrpcServer,
  type GetReleaseContentResponse,
  type GetVersionResponse,
  type InstallReleaseResponse,
  type OperationEvent,
  type ReleaseServiceClient,
  type ReleaseServiceHandlers,
} from '../src/index.js';

function unimplemented(_call: unknown, callback: grpc.sendUnaryData<never>) {
  callback({ code: grpc.status.UNIMPLEMENTED, details: 'not in this test' });
}

describe('ReleaseService over gRPC', () => {
  let server: grpc.Server;
  let client: ReleaseServiceClient;
  const seenHeaders: string[] = [];
  let contentSize = 0;

  before(async () => {
    const handlers: ReleaseServiceHandlers = {
      GetVersion(call, callback) {
        seenHeaders.push(String(call.metadata.get(HELM_API_CLIENT_HEADER)[0] ?? ''));
        callback(null, { Version: { sem_ver: 'v2.17.0', git_commit: 'abc', git_tree_state: 'clean' } });
      },
      GetReleaseContent(call, callback) {
        if (call.request.name === 'missing') {
          callback({ code: grpc.status.NOT_FOUND, details: 'release: "missing" not found' });
          return;
        }
        // A chart file of `contentSize` bytes: beyond grpc's 4 MiB default, within Helm 2's 20 MiB.
        callback(null, {
          release: {
            name: call.request.name,
            version: call.request.version,
            chart: { files: [{ type_url: 'big.bin', value: Buffer.alloc(contentSize, 7) }] },
          },
        });
      },
      ListReleases(call) {
        for (const name of ['a', 'b', 'c'])
          call.write({ count: 3, total: 3, releases: [{ name, info: { status: { code: 'DEPLOYED' } } }] });
        call.end();
      },
      WatchOperation(call) {
        const id = call.request.operation_id;
        call.write({
          operation_id: id,
          sequence: 1,
          operation: 'INSTALL',
          phase: { phase: 'APPLYING', message: 'creating 1 resource' },
        });
        call.write({
          operation_id: id,
          sequence: 2,
          resource: { action: 'CREATED', api_version: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cm' },
        });
        call.write({
          operation_id: id,
          sequence: 3,
          hook: { event: 'POST_INSTALL', name: 'job', kind: 'Job', state: 'SUCCEEDED' },
        });
        call.write({
          operation_id: id,
          sequence: 4,
          readiness: { kind: 'Deployment', name: 'web', ready: true, ready_objects: 1, total_objects: 1 },
        });
        call.write({
          operation_id: id,
          sequence: 5,
          result: { success: true, status: 'DEPLOYED', message: 'Install complete' },
        });
        call.end();
      },
      InstallRelease(call, callback) {
        callback(null, { release: { name: String(call.metadata.get(OPERATION_ID_HEADER)[0] ?? '') } });
      },
      GetReleaseStatus: unimplemented,
      UpdateRelease: unimplemented,
      UninstallRelease: unimplemented,
      RollbackRelease: unimplemented,
      GetHistory: unimplemented,
      RunReleaseTest(call) {
        call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'not in this test' });
      },
    };
    server = createTillerGrpcServer();
    addReleaseService(server, handlers);
    const port = await bindServer(server, '127.0.0.1:0', grpc.ServerCredentials.createInsecure());
    client = createReleaseServiceClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client?.close();
    server?.forceShutdown();
  });

  function unary<Res>(invoke: (cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown): Promise<Res> {
    return new Promise((resolve, reject) => invoke((err, res) => (err ? reject(err) : resolve(res!))));
  }

  it('GetVersion through the typed client, carrying the x-helm-api-client header', async () => {
    const res = await unary<GetVersionResponse>((cb) => client.GetVersion({}, cb));
    assert.deepEqual(res.Version, { sem_ver: 'v2.17.0', git_commit: 'abc', git_tree_state: 'clean' });
    assert.deepEqual(seenHeaders, [HELM_API_VERSION]);
  });

  it('sends the configured client version', async () => {
    const other = createReleaseServiceClient(
      client
        .getChannel()
        .getTarget()
        .replace(/^ipv4:/, ''),
      grpc.credentials.createInsecure(),
      {
        clientVersion: 'v2.16.9',
      },
    );
    try {
      await new Promise<void>((resolve, reject) => other.GetVersion({}, (err) => (err ? reject(err) : resolve())));
    } finally {
      other.close();
    }
    assert.equal(seenHeaders.at(-1), 'v2.16.9');
  });

  it('carries messages larger than gRPC’s 4 MiB default (Helm 2 allows 20 MiB)', async () => {
    contentSize = 6 * 1024 * 1024;
    const res = await unary<GetReleaseContentResponse>((cb) =>
      client.GetReleaseContent({ name: 'big', version: 1 }, cb),
    );
    assert.equal(res.release?.chart?.files[0]?.value.length, contentSize);
  });

  it('refuses messages over 20 MiB with RESOURCE_EXHAUSTED', async () => {
    contentSize = MAX_MESSAGE_BYTES + 1;
    await assert.rejects(
      unary((cb) => client.GetReleaseContent({ name: 'huge' }, cb)),
      (e: grpc.ServiceError) => {
        assert.equal(e.code, grpc.status.RESOURCE_EXHAUSTED);
        return true;
      },
    );
    contentSize = 0;
  });

  it('passes gRPC status codes through', async () => {
    await assert.rejects(
      unary((cb) => client.GetReleaseContent({ name: 'missing' }, cb)),
      (e: grpc.ServiceError) => {
        assert.equal(e.code, grpc.status.NOT_FOUND);
        assert.equal(e.details, 'release: "missing" not found');
        return true;
      },
    );
  });

  it('streams ListReleases', async () => {
    const names: string[] = [];
    for await (const msg of client.ListReleases({ status_codes: ['DEPLOYED'] })) {
      names.push(...(msg as { releases: { name: string }[] }).releases.map((r) => r.name));
    }
    assert.deepEqual(names, ['a', 'b', 'c']);
  });

  it('streams WatchOperation progress events, each kind in its oneof', async () => {
    const events: OperationEvent[] = [];
    for await (const e of client.WatchOperation({ operation_id: 'op-1' })) events.push(e as OperationEvent);
    assert.deepEqual(
      events.map((e) => e.event),
      ['phase', 'resource', 'hook', 'readiness', 'result'],
    );
    assert.equal(events[1]!.resource!.action, 'CREATED');
    assert.equal(events[2]!.hook!.event, 'POST_INSTALL');
    assert.equal(events[4]!.result!.status, 'DEPLOYED');
    assert.deepEqual(
      events.map((e) => e.sequence),
      [1, 2, 3, 4, 5],
    );
    assert.ok(events.every((e) => e.operation_id === 'op-1'));
  });

  it('delivers the operation id header on the operation call', async () => {
    const md = new grpc.Metadata();
    md.set(OPERATION_ID_HEADER, 'op-42');
    const res = await unary<InstallReleaseResponse>((cb) => client.InstallRelease({}, md, cb));
    assert.equal(res.release?.name, 'op-42');
  });
});
