// The HTTP/2 gRPC client against a real grpc-js server (Tiller's), plaintext and TLS: unary and
// streaming calls, metadata, statuses from trailers and trailers-only answers, deadlines,
// cancellation, Helm 2's 20 MiB limit, and a server that is not there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect, createServer } from 'node:net';
import { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { after, before, describe, it } from 'mocha';
import { createH2ReleaseClient, GrpcCallError, type H2ReleaseClient } from '../src/client.js';
import { MessageReader } from '../src/h2-release-client.js';
import {
  HELM_API_CLIENT_HEADER,
  HELM_API_VERSION,
  OPERATION_ID_HEADER,
  addReleaseService,
  bindServer,
  createTillerGrpcServer,
  type GetReleaseContentResponse,
  type GetVersionResponse,
  type ListReleasesResponse,
  type OperationEvent,
  type ReleaseServiceHandlers,
} from '../src/index.js';

const MiB = 1024 * 1024;

/**
 * A connection to 127.0.0.1:port as a plain JavaScript stream (not a socket node:http2 or node:tls
 * could use as one), as the port-forward tunnel hands the client; `opened` counts them.
 */
function relayTo(port: number, opened: { count: number }): () => Duplex {
  return () => {
    opened.count++;
    const socket = netConnect(port, '127.0.0.1');
    const stream = new Duplex({
      write(chunk: Buffer, _encoding, callback) {
        socket.write(chunk, callback);
      },
      read() {
        // pushed as the socket's data arrives
      },
      destroy(error, callback) {
        socket.destroy();
        callback(error);
      },
    });
    socket.on('data', (chunk: Buffer) => stream.push(chunk));
    socket.on('end', () => stream.push(null));
    socket.on('error', (error) => stream.destroy(error));
    return stream;
  };
}

function unimplemented(_call: unknown, callback: grpc.sendUnaryData<never>) {
  callback({ code: grpc.status.UNIMPLEMENTED, details: 'not in this test' });
}

function handlers(seen: Record<string, string>[]): ReleaseServiceHandlers {
  return {
    GetVersion(call, callback) {
      seen.push(call.metadata.getMap() as Record<string, string>);
      callback(null, { Version: { sem_ver: 'v2.17.0', git_commit: 'abc', git_tree_state: 'clean' } });
    },
    GetReleaseContent(call, callback) {
      const name = call.request.name;
      if (name === 'missing') return callback({ code: grpc.status.NOT_FOUND, details: 'release: "missing" not found' });
      if (name === 'slow') return void setTimeout(() => callback(null, { release: { name } }), 3000);
      const size = name === 'huge' ? 21 * MiB : name === 'big' ? 6 * MiB : 0;
      callback(null, {
        release: { name, version: 3, chart: { files: [{ type_url: 'f.bin', value: Buffer.alloc(size, 7) }] } },
      });
    },
    ListReleases(call) {
      for (const name of ['a', 'b', 'c'])
        call.write({ count: 3, total: 3, releases: [{ name, info: { status: { code: 'DEPLOYED' } } }] });
      call.end();
    },
    WatchOperation(call) {
      const tick = setInterval(
        () => call.write({ operation_id: call.request.operation_id, sequence: 1, phase: { phase: 'APPLYING' } }),
        20,
      );
      call.on('cancelled', () => clearInterval(tick));
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
      call.emit('error', { code: grpc.status.FAILED_PRECONDITION, details: 'a "quoted" 100% ünïcode detail' });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('the HTTP/2 gRPC client', function () {
  this.timeout(30_000);
  const seen: Record<string, string>[] = [];
  let server: grpc.Server;
  let serverPort: number;
  let client: H2ReleaseClient;

  before(async () => {
    server = createTillerGrpcServer();
    addReleaseService(server, handlers(seen));
    serverPort = await bindServer(server, '127.0.0.1:0', grpc.ServerCredentials.createInsecure());
    client = createH2ReleaseClient(`127.0.0.1:${serverPort}`);
  });
  after(() => {
    client?.close();
    server?.forceShutdown();
  });

  it('makes a unary call with the version header and the metadata given', async () => {
    const res = await client.unary<GetVersionResponse>('GetVersion', {}, { metadata: { authorization: 'Bearer t' } });
    assert.deepEqual(res.Version, { sem_ver: 'v2.17.0', git_commit: 'abc', git_tree_state: 'clean' });
    assert.equal(seen.at(-1)![HELM_API_CLIENT_HEADER], HELM_API_VERSION);
    assert.equal(seen.at(-1)!.authorization, 'Bearer t');
    const install = await client.unary<{ release: { name: string } }>(
      'InstallRelease',
      {},
      { metadata: { [OPERATION_ID_HEADER]: 'op-1' } },
    );
    assert.equal(install.release.name, 'op-1');
  });

  it('collects a server stream, and the status of a failed one with its message decoded', async () => {
    const pages = await client.collect<ListReleasesResponse>('ListReleases', {});
    assert.deepEqual(
      pages.map((p) => p.releases[0]!.name),
      ['a', 'b', 'c'],
    );
    await assert.rejects(client.collect('RunReleaseTest', { name: 'x' }), (error: GrpcCallError) => {
      assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
      assert.equal(error.details, 'a "quoted" 100% ünïcode detail');
      return true;
    });
  });

  it("gives a unary call's status (trailers-only answer) as code and details", async () => {
    await assert.rejects(client.unary('GetReleaseContent', { name: 'missing' }), {
      code: grpc.status.NOT_FOUND,
      details: 'release: "missing" not found',
    });
    await assert.rejects(client.unary('GetHistory', { name: 'x' }), { code: grpc.status.UNIMPLEMENTED });
  });

  it('carries messages over 4 MiB and refuses one over 20 MiB', async () => {
    const big = await client.unary<GetReleaseContentResponse>('GetReleaseContent', { name: 'big' });
    assert.equal(big.release!.chart!.files[0]!.value.length, 6 * MiB);
    await assert.rejects(client.unary('GetReleaseContent', { name: 'huge' }), { code: grpc.status.RESOURCE_EXHAUSTED });
    await assert.rejects(
      client.unary('InstallRelease', { values: { raw: 'x'.repeat(21 * MiB) } }),
      (error: GrpcCallError) =>
        error.code === grpc.status.RESOURCE_EXHAUSTED && /Sent message larger/.test(error.details),
    );
  });

  it('ends a call at its deadline, and the connection still serves the next call', async () => {
    const started = Date.now();
    await assert.rejects(client.unary('GetReleaseContent', { name: 'slow' }, { deadline: Date.now() + 300 }), {
      code: grpc.status.DEADLINE_EXCEEDED,
    });
    assert.ok(Date.now() - started < 2500);
    await client.unary('GetVersion', {});
  });

  it('cancels a server stream', async () => {
    const stream = client.serverStream('WatchOperation', { operation_id: 'w' });
    const events: OperationEvent[] = [];
    await new Promise<void>((resolve) =>
      stream.on('data', (event: OperationEvent) => {
        events.push(event);
        if (events.length === 3) {
          stream.cancel();
          resolve();
        }
      }),
    );
    assert.equal(events[0]!.phase?.phase, 'APPLYING');
  });

  it('dials through the stream `connect` opens (a tunnel) instead of TCP to its address', async () => {
    const opened = { count: 0 };
    // nothing listens on port 1: only the stream reaches the server
    const tunnelled = createH2ReleaseClient('127.0.0.1:1', { connect: relayTo(serverPort, opened) });
    try {
      const res = await tunnelled.unary<GetVersionResponse>('GetVersion', {});
      assert.equal(res.Version?.sem_ver, 'v2.17.0');
      const list = await tunnelled.collect<ListReleasesResponse>('ListReleases', {});
      assert.deepEqual(
        list.map((r) => r.releases?.[0]?.name),
        ['a', 'b', 'c'],
      );
      assert.equal(opened.count, 1);
    } finally {
      tunnelled.close();
    }
  });

  it('says connection refused, not connected, when nothing listens', async () => {
    const port = await freePort();
    const nowhere = createH2ReleaseClient(`127.0.0.1:${port}`);
    await assert.rejects(nowhere.unary('GetVersion', {}), (error: GrpcCallError) => {
      assert.equal(error.code, grpc.status.UNAVAILABLE);
      assert.equal(error.connected, false);
      assert.match(error.details, new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}$`));
      return true;
    });
    nowhere.close();
  });
});

describe('the HTTP/2 gRPC client over TLS', function () {
  this.timeout(30_000);
  let dir: string;
  let server: grpc.Server;
  let address: string;
  let ca: Buffer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'helmts-h2-tls-'));
    // a self-signed server certificate for 127.0.0.1, made by openssl
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=tiller',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:tiller',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    ca = readFileSync(join(dir, 'cert.pem'));
    server = createTillerGrpcServer();
    addReleaseService(server, handlers([]));
    const creds = grpc.ServerCredentials.createSsl(null, [
      { private_key: readFileSync(join(dir, 'key.pem')), cert_chain: ca },
    ]);
    address = `127.0.0.1:${await bindServer(server, '127.0.0.1:0', creds)}`;
  });
  after(() => {
    server?.forceShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('calls a TLS server whose certificate it verifies', async () => {
    const client = createH2ReleaseClient(address, { tls: { ca, servername: 'tiller' } });
    try {
      const res = await client.unary<GetVersionResponse>('GetVersion', {});
      assert.equal(res.Version?.sem_ver, 'v2.17.0');
    } finally {
      client.close();
    }
  });

  it("runs TLS over the stream `connect` opens, checking the certificate against the address's host", async () => {
    const port = Number(address.slice(address.lastIndexOf(':') + 1));
    const opened = { count: 0 };
    const client = createH2ReleaseClient('127.0.0.1:1', { tls: { ca }, connect: relayTo(port, opened) });
    // with a server name too (sent in the handshake, which starts as soon as the stream is there)
    const named = createH2ReleaseClient('127.0.0.1:1', {
      tls: { ca, servername: 'tiller' },
      connect: relayTo(port, opened),
    });
    try {
      const res = await client.unary<GetVersionResponse>('GetVersion', {});
      assert.equal(res.Version?.sem_ver, 'v2.17.0');
      assert.equal((await named.unary<GetVersionResponse>('GetVersion', {})).Version?.sem_ver, 'v2.17.0');
      assert.equal(opened.count, 2);
    } finally {
      client.close();
      named.close();
    }
    // the certificate names IP 127.0.0.1 and DNS tiller, not localhost
    const misnamed = createH2ReleaseClient('localhost:1', { tls: { ca }, connect: relayTo(port, opened) });
    await assert.rejects(misnamed.unary('GetVersion', {}), (error: GrpcCallError) => {
      assert.equal(error.connected, false);
      assert.match(error.details, /localhost/);
      return true;
    });
    misnamed.close();
  });

  it('fails the handshake with a certificate it does not trust, before being connected', async () => {
    const client = createH2ReleaseClient(address, { tls: { servername: 'tiller' } });
    await assert.rejects(client.unary('GetVersion', {}), (error: GrpcCallError) => {
      assert.equal(error.code, grpc.status.UNAVAILABLE);
      assert.equal(error.connected, false);
      assert.match(error.details, /self.signed|certificate/i);
      return true;
    });
    client.close();
  });

  it('plaintext to a TLS server: connected, then failed (a mismatch, not an absent server)', async () => {
    const client = createH2ReleaseClient(address);
    await assert.rejects(client.unary('GetVersion', {}, { deadline: Date.now() + 5000 }), (error: GrpcCallError) => {
      assert.equal(error.connected, true);
      return true;
    });
    client.close();
  });
});

describe("the client's reader of length-prefixed messages", () => {
  const framed = (...messages: Buffer[]) =>
    Buffer.concat(
      messages.flatMap((m) => {
        const head = Buffer.alloc(5);
        head.writeUInt32BE(m.length, 1);
        return [head, m];
      }),
    );

  it('reads messages however the bytes are cut, the 5-byte prefix included', () => {
    const messages = [Buffer.from('first'), Buffer.alloc(0), Buffer.from('the third message')];
    const bytes = framed(...messages);
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b++) {
        const reader = new MessageReader();
        const got: string[] = [];
        for (const piece of [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)])
          reader.push(piece, (m) => got.push(m.toString()));
        assert.deepEqual(got, ['first', '', 'the third message'], `cut at ${a} and ${b}`);
        assert.equal(reader.pending, false);
      }
    }
  });

  it('reads a large message from many small chunks, and the one after it', () => {
    const big = Buffer.alloc(3 * MiB + 7, 'b');
    const bytes = framed(big, Buffer.from('next'));
    const reader = new MessageReader();
    const got: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 16_384) reader.push(bytes.subarray(at, at + 16_384), (m) => got.push(m));
    assert.equal(got.length, 2);
    assert.ok(got[0]!.equals(big));
    assert.equal(got[1]!.toString(), 'next');
  });

  it('refuses a compressed message and one over 20 MiB', () => {
    assert.throws(() => new MessageReader().push(Buffer.from([1, 0, 0, 0, 0]), () => undefined), /compressed/);
    const head = Buffer.alloc(5);
    head.writeUInt32BE(21 * MiB, 1);
    assert.throws(() => new MessageReader().push(head, () => undefined), /larger than max/);
  });
});
