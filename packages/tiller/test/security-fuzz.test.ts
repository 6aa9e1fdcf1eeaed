// Malformed gRPC messages: raw bytes sent to every ReleaseService method path (identity
// serializers, so grpc-js does no encoding of its own). Tiller must answer each with a status and
// keep serving; a mutated valid InstallRelease message too.
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import fc from 'fast-check';
import { KubeConfig } from '@kubernetes/client-node';
import { releaseServiceDefinition } from '@helmts/proto';
import { startTiller, silentLogger, type TillerHandle } from '../src/index.js';

/** Per property, in seconds; FUZZ_SECONDS=300 for a long run (FUZZ_REPORT=1 prints the counts). */
const seconds = Number(process.env.FUZZ_SECONDS ?? '3');

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

const identity = (b: Buffer) => b;

describe('security: fuzzing Tiller with malformed gRPC messages', function () {
  this.timeout(seconds * 1000 * 4 + 60_000);
  let tiller: TillerHandle;
  let client: grpc.Client;
  const counts: Record<string, number> = { unary: 0, stream: 0, mutatedInstall: 0 };
  const codes = new Map<string, number>();
  const methods = Object.values(
    releaseServiceDefinition() as unknown as Record<
      string,
      { path: string; responseStream: boolean; requestSerialize(v: unknown): Buffer }
    >,
  );

  before(async () => {
    tiller = await startTiller({
      listen: '127.0.0.1:0',
      storage: 'memory',
      kubeConfig: offlineKubeConfig(),
      namespace: 'kube-system',
      logger: silentLogger,
      kube: { attempts: 1, requestTimeoutMs: 2000 },
    });
    client = new grpc.Client(tiller.address, grpc.credentials.createInsecure());
  });
  after(async () => {
    client?.close();
    await tiller?.stop(2000);
    if (process.env.FUZZ_REPORT) console.log('grpc fuzz counts', counts, Object.fromEntries(codes));
  });

  const unary = (path: string, payload: Buffer) =>
    new Promise<grpc.status>((resolve) => {
      client.makeUnaryRequest(
        path,
        identity,
        identity,
        payload,
        new grpc.Metadata(),
        { deadline: Date.now() + 3000 },
        (err) => resolve(err?.code ?? grpc.status.OK),
      );
    });
  const stream = (path: string, payload: Buffer) =>
    new Promise<grpc.status>((resolve) => {
      // Well under the per-property time budget: WatchOperation for an unknown operation stays open
      // until its deadline, and a first case that outlives the budget ends the property after 0 runs.
      const call = client.makeServerStreamRequest(path, identity, identity, payload, new grpc.Metadata(), {
        deadline: Date.now() + 500,
      });
      call.on('data', () => {});
      call.on('error', (e: grpc.ServiceError) => resolve(e.code));
      call.on('end', () => resolve(grpc.status.OK));
    });
  const send = (m: (typeof methods)[number], payload: Buffer) =>
    m.responseStream ? stream(m.path, payload) : unary(m.path, payload);
  const stillServing = async () =>
    assert.equal(await unary('/hapi.services.tiller.ReleaseService/GetVersion', Buffer.alloc(0)), grpc.status.OK);

  it('answers random bytes on every method with a status, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.uint8Array({ maxLength: 512 }), async (m, bytes) => {
        counts[m.responseStream ? 'stream' : 'unary']!++;
        const code = await send(m, Buffer.from(bytes));
        // WatchOperation for an unknown operation stays open until its deadline: that is an answer too
        assert.ok(code in grpc.status, `no status from ${m.path}`);
        const key = `${m.path.split('/').pop()} ${grpc.status[code]}`;
        codes.set(key, (codes.get(key) ?? 0) + 1);
      }),
      { interruptAfterTimeLimit: seconds * 1000, numRuns: Number.MAX_SAFE_INTEGER, markInterruptAsFailure: false },
    );
    await stillServing();
  });

  it('answers mutated InstallRelease messages (a valid chart with flipped bytes) with a status', async () => {
    const install = methods.find((m) => m.path.endsWith('/InstallRelease'))!;
    const valid = install.requestSerialize({
      name: 'fuzz',
      namespace: 'default',
      dry_run: true,
      chart: {
        metadata: { name: 'c', version: '1.0.0' },
        templates: [{ name: 'templates/x.yaml', data: Buffer.from('a: {{ .Values.a }}\n{{ include "x" . }}') }],
        values: { raw: 'a: 1\n' },
      },
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        async (flips) => {
          counts.mutatedInstall!++;
          const bytes = Buffer.from(valid);
          for (const [pos, b] of flips) bytes[pos % bytes.length] = b;
          const code = await unary(install.path, bytes);
          assert.ok(code in grpc.status);
        },
      ),
      { interruptAfterTimeLimit: seconds * 1000, numRuns: Number.MAX_SAFE_INTEGER, markInterruptAsFailure: false },
    );
    await stillServing();
  });
});
