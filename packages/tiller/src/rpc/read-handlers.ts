// The RPCs that read releases: version, list, status, content, history.
import { MAX_MESSAGE_BYTES, type ReleaseServiceHandlers } from '@helmts/proto';
import { listReleases, type ListResult } from '../actions/list.js';
import { releaseStatus } from '../actions/status.js';
import { releaseContent } from '../actions/content.js';
import { releaseHistory } from '../actions/history.js';
import { tillerVersion } from '../actions/version.js';
import type { RpcGuard } from './rpc-guard.js';

type ReadHandlers = Pick<
  ReleaseServiceHandlers,
  'GetVersion' | 'ListReleases' | 'GetReleaseStatus' | 'GetReleaseContent' | 'GetHistory'
>;

const MAX_LIST_CHUNK = MAX_MESSAGE_BYTES - 256 * 1024;

type Release = ListResult['releases'][number];

/** About how many bytes a release takes in a ListReleases message. */
function approximateSize(rel: Release): number {
  return (
    (rel.manifest?.length ?? 0) +
    JSON.stringify(rel.chart?.templates?.map((t) => t.data.length) ?? []).length +
    (rel.chart?.templates ?? []).reduce((n, t) => n + t.data.length, 0) +
    (rel.chart?.files ?? []).reduce((n, f) => n + f.value.length, 0) +
    4096
  );
}

/** Writes the list in chunks under the message limit, like Helm 2's 20 MiB batching. */
function writeInChunks(call: { write(chunk: ListResult & { count: number }): unknown }, res: ListResult): void {
  let batch: Release[] = [];
  let size = 0;
  const flush = () => {
    call.write({ count: batch.length, next: res.next, total: res.total, releases: batch });
    batch = [];
    size = 0;
  };
  for (const rel of res.releases) {
    const s = approximateSize(rel);
    if (batch.length > 0 && size + s > MAX_LIST_CHUNK) flush();
    batch.push(rel);
    size += s;
  }
  if (batch.length > 0 || res.releases.length === 0) flush();
}

export function readHandlers(guard: RpcGuard): ReadHandlers {
  return {
    GetVersion: (_call, callback) => callback(null, { Version: tillerVersion() }),

    ListReleases: guard.stream('ListReleases', async (r, call, scope) => {
      const res = await guard.read(
        'ListReleases',
        listReleases(scope.ctx, {
          limit: Number(r.limit),
          offset: r.offset,
          sortBy: String(r.sort_by),
          sortOrder: String(r.sort_order),
          filter: r.filter,
          statusCodes: r.status_codes.map(String),
          namespace: r.namespace,
        }),
      );
      const visible = await scope.listable(res.releases.map((rel) => rel.namespace));
      const releases = res.releases.filter((rel) => visible.has(rel.namespace));
      const total = releases.length === res.releases.length ? res.total : releases.length;
      writeInChunks(call, { ...res, releases, total });
    }),

    GetReleaseStatus: guard.unary('GetReleaseStatus', async (r, _call, scope) => {
      await guard.requireOnRelease(scope, 'get', r.name);
      const s = await guard.read(
        'GetReleaseStatus',
        releaseStatus(scope.ctx, { name: r.name, version: Number(r.version) }),
      );
      return { name: s.name, namespace: s.namespace, info: s.info };
    }),

    GetReleaseContent: guard.unary('GetReleaseContent', async (r, _call, scope) => {
      await guard.requireOnRelease(scope, 'get', r.name);
      const release = releaseContent(scope.ctx, { name: r.name, version: Number(r.version) });
      return { release: await guard.read('GetReleaseContent', release) };
    }),

    GetHistory: guard.unary('GetHistory', async (r, _call, scope) => {
      await guard.requireOnRelease(scope, 'get', r.name);
      const releases = releaseHistory(scope.ctx, { name: r.name, max: Number(r.max) });
      return { releases: await guard.read('GetHistory', releases) };
    }),
  };
}
