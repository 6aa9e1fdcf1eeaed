import { ConnectionError, HelmtsError, type Settings } from '@helmts/core';

/** What `releases age` needs to know about a release. */
interface ReleaseSummary {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chart: string;
  lastDeployed: Date;
}

/** Where releases come from. The command only sees this, so tests and other backends can plug in. */
export interface ReleaseSource {
  listReleases(options: { max: number }): Promise<ReleaseSummary[]>;
}

// The few shapes of @helmts/proto this plugin uses. It is loaded only when a Tiller is asked for,
// so the plugin installs and shows its help without the gRPC stack.
interface Timestamp {
  seconds?: number | string;
  nanos?: number;
}
interface WireRelease {
  name: string;
  namespace: string;
  version: number;
  info: { status: { code: string } | null; last_deployed: Timestamp | null } | null;
  chart: { metadata: { name: string; version: string } | null } | null;
}
interface ReleaseServiceClient {
  ListReleases(
    request: Record<string, unknown>,
    options?: { deadline?: Date },
  ): AsyncIterable<{ releases: WireRelease[] }>;
  close(): void;
}
interface ProtoModule {
  createReleaseServiceClient(address: string, creds: unknown): ReleaseServiceClient;
  dateFromTimestamp(ts: Timestamp): Date;
}
interface GrpcModule {
  credentials: { createInsecure(): unknown };
}

async function loadOptional<T>(name: string): Promise<T | undefined> {
  try {
    return (await import(name)) as T;
  } catch {
    return undefined;
  }
}

/** Lists releases from Tiller over gRPC (ListReleases, newest first), as `helmts list` would. */
export async function tillerReleaseSource(settings: Settings): Promise<ReleaseSource> {
  const host = settings.host;
  if (!host) {
    throw new ConnectionError('Tiller', 'no Tiller address is configured', {
      hint: 'pass --host HOST:PORT or set HELMTS_HOST',
    });
  }
  const proto = await loadOptional<ProtoModule>('@helmts/proto');
  const grpc = await loadOptional<GrpcModule>('@grpc/grpc-js');
  if (!proto?.createReleaseServiceClient || !grpc) {
    throw new HelmtsError('talking to Tiller needs @helmts/proto and @grpc/grpc-js', {
      hint: 'install them next to this plugin',
    });
  }
  return {
    async listReleases({ max }) {
      const client = proto.createReleaseServiceClient(host, grpc.credentials.createInsecure());
      const deadline = new Date(Date.now() + settings.tillerConnectionTimeout * 1000);
      const summaries: ReleaseSummary[] = [];
      try {
        for await (const page of client.ListReleases(
          { limit: max, sort_by: 'LAST_RELEASED', sort_order: 'DESC' },
          { deadline },
        )) {
          for (const release of page.releases) {
            summaries.push({
              name: release.name,
              namespace: release.namespace,
              revision: release.version,
              status: release.info?.status?.code ?? 'UNKNOWN',
              chart: release.chart?.metadata ? `${release.chart.metadata.name}-${release.chart.metadata.version}` : '',
              lastDeployed: proto.dateFromTimestamp(release.info?.last_deployed ?? {}),
            });
          }
        }
      } catch (error) {
        throw new ConnectionError(host, (error as { details?: string }).details || (error as Error).message, {
          cause: error,
        });
      } finally {
        client.close();
      }
      return summaries;
    },
  };
}
