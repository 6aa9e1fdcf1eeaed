import assert from 'node:assert/strict';

import * as grpc from '@grpc/grpc-js';
import { addReleaseService, bindServer, createTillerGrpcServer, type ReleaseServiceHandlers } from '@helmts/proto';

import { runCliAsync } from './run-cli.js';

/** `helmts version --server` against a real gRPC server answering GetVersion on 127.0.0.1. */
describe('version --server', () => {
  let server: grpc.Server;
  let address: string;

  before(async () => {
    server = createTillerGrpcServer();
    const unimplemented = (_call: unknown, callback: (e: grpc.ServiceError) => void) =>
      callback({
        code: grpc.status.UNIMPLEMENTED,
        details: 'not here',
        message: 'not here',
        name: 'Error',
        metadata: new grpc.Metadata(),
      });
    const ends = (call: { end(): void }) => call.end();
    const handlers: ReleaseServiceHandlers = {
      GetVersion: (_call, callback) =>
        callback(null, { Version: { sem_ver: 'v2.17.0', git_commit: 'abc1234', git_tree_state: 'clean' } }),
      ListReleases: ends,
      GetReleaseStatus: unimplemented,
      GetReleaseContent: unimplemented,
      UpdateRelease: unimplemented,
      InstallRelease: unimplemented,
      UninstallRelease: unimplemented,
      GetHistory: unimplemented,
      RollbackRelease: unimplemented,
      RunReleaseTest: ends,
      WatchOperation: ends,
    };
    addReleaseService(server, handlers);
    const port = await bindServer(server, '127.0.0.1:0', grpc.ServerCredentials.createInsecure());
    address = `127.0.0.1:${port}`;
  });

  after(() => server.forceShutdown());

  it('prints the client and Tiller versions in Helm 2 format', async () => {
    const r = await runCliAsync(['version', '--host', address]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Client: &version\.Version\{SemVer:"v\d+\.\d+\.\d+", GitCommit:"", GitTreeState:""\}\n/);
    assert.match(
      r.stdout,
      /\nServer: &version\.Version\{SemVer:"v2\.17\.0", GitCommit:"abc1234", GitTreeState:"clean"\}\n$/,
    );
  });

  it('prints them as JSON', async () => {
    const r = await runCliAsync(['version', '--server', '-o', 'json'], { HELMTS_HOST: address });
    assert.deepEqual(JSON.parse(r.stdout), {
      server: { semVer: 'v2.17.0', gitCommit: 'abc1234', gitTreeState: 'clean' },
    });
  });

  it('names the address it could not reach', async () => {
    const r = await runCliAsync(['version', '--server', '--host', '127.0.0.1:1', '--tiller-connection-timeout', '2']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^Error: cannot connect to Tiller at 127\.0\.0\.1:1 \(connection refused\); check --host/);
  });
});
