// A Tiller started on the local cluster, a gRPC client for it, and small charts built in memory.
import * as grpc from '@grpc/grpc-js';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor, uniqueNamespace } from '@helmts/testkit';
import { createReleaseServiceClient, type ChartInput, type ReleaseServiceClient } from '@helmts/proto';
import { startTiller, silentLogger, type TillerHandle, type TillerOptions } from '../src/index.js';

export interface TillerFixture {
  tiller: TillerHandle;
  client: ReleaseServiceClient;
  kc: KubeConfig;
  core: CoreV1Api;
  /** Tiller's namespace (records, leases) */
  tillerNs: string;
  /** where releases go */
  releaseNs: string;
  close(): Promise<void>;
}

export async function startFixture(options: Partial<TillerOptions> = {}): Promise<TillerFixture> {
  const info = await ensureCluster();
  const kc = kubeConfigFor(info);
  const core = kc.makeApiClient(CoreV1Api);
  const tillerNs = uniqueNamespace('tiller');
  const releaseNs = uniqueNamespace('rel');
  const tiller = await startTiller({
    listen: '127.0.0.1:0',
    kubeConfig: kc,
    namespace: tillerNs,
    logger: silentLogger,
    pollMs: 200,
    ...options,
  });
  const client = createReleaseServiceClient(tiller.address, grpc.credentials.createInsecure());
  return {
    tiller,
    client,
    kc,
    core,
    tillerNs,
    releaseNs,
    async close() {
      client.close();
      await tiller.stop(5000);
      for (const ns of [tillerNs, releaseNs]) await core.deleteNamespace({ name: ns }).catch(() => {});
    },
  };
}

const enc = new TextEncoder();

/** A chart from `{ 'templates/x.yaml': text }` and a values.yaml text. */
export function makeChart(files: Record<string, string>, values = '', name = 'demo', version = '0.1.0'): ChartInput {
  return {
    metadata: { name, version, apiVersion: 'v1', appVersion: '1.0' },
    templates: Object.entries(files).map(([n, text]) => ({ name: n, data: enc.encode(text) })),
    values: { raw: values },
    dependencies: [],
    files: [],
  };
}

/** Promisified unary call. */
export function call<Req, Res>(
  client: ReleaseServiceClient,
  method: string,
  req: Req,
  metadata = new grpc.Metadata(),
): Promise<Res> {
  return new Promise((resolve, reject) => {
    (
      client as unknown as Record<
        string,
        (r: Req, m: grpc.Metadata, o: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r: Res) => void) => void
      >
    )[method]!(req, metadata, { deadline: Date.now() + 120_000 }, (e, r) => (e ? reject(e) : resolve(r)));
  });
}

/** Collects a server stream. */
export function collect<T>(stream: grpc.ClientReadableStream<T>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const out: T[] = [];
    stream.on('data', (d: T) => out.push(d));
    stream.on('error', reject);
    stream.on('end', () => resolve(out));
  });
}
