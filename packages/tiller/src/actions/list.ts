// ListReleases (reference §3.10): status filter (default DEPLOYED), namespace, name regex, sort,
// offset (start at the record with that name), limit (default 512), `next`.
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { InvalidArgumentError } from './action-errors.js';
import { statusCode } from './release-status.js';

export interface ListOptions {
  limit?: number;
  offset?: string;
  sortBy?: string;
  sortOrder?: string;
  filter?: string;
  statusCodes?: string[];
  namespace?: string;
}

export interface ListResult {
  releases: Release[];
  total: number;
  next: string;
}

const DEFAULT_LIST_LIMIT = 512;

export async function listReleases(ctx: TillerContext, opts: ListOptions): Promise<ListResult> {
  const codes = new Set(opts.statusCodes && opts.statusCodes.length > 0 ? opts.statusCodes : ['DEPLOYED']);
  let regex: RegExp | undefined;
  if (opts.filter) {
    try {
      regex = new RegExp(opts.filter);
    } catch (e) {
      throw new InvalidArgumentError(`invalid filter: ${(e as Error).message}`);
    }
  }
  let rels = (await ctx.storage.listReleases()).filter(
    (r) =>
      codes.has(statusCode(r)) && (!opts.namespace || r.namespace === opts.namespace) && (!regex || regex.test(r.name)),
  );
  const total = rels.length;
  const by = opts.sortBy ?? 'UNKNOWN';
  const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  if (by === 'NAME') rels.sort((a, b) => cmpStr(a.name, b.name));
  else if (by === 'LAST_RELEASED')
    // seconds only, as Helm 2; releases of the same second stay in storage-key (name) order, as Helm 2's
    // Tiller gets them from the API server
    rels
      .sort((a, b) => cmpStr(a.name, b.name))
      .sort((a, b) => Number(a.info?.last_deployed?.seconds ?? 0) - Number(b.info?.last_deployed?.seconds ?? 0));
  else if (by === 'CHART_NAME')
    rels.sort((a, b) => cmpStr(a.chart?.metadata?.name ?? '', b.chart?.metadata?.name ?? ''));
  if (opts.sortOrder === 'DESC') rels.reverse();
  if (opts.offset) {
    let at = -1;
    rels.forEach((r, i) => {
      if (r.name === opts.offset) at = i;
    });
    // Helm 2's Tiller refuses an offset it cannot find (`helm list -o json`: -o is --offset there)
    if (at < 0) throw new InvalidArgumentError(`offset ${JSON.stringify(opts.offset)} not found`);
    rels = rels.slice(at);
  }
  const limit = opts.limit && opts.limit > 0 ? opts.limit : DEFAULT_LIST_LIMIT;
  const next = rels.length > limit ? rels[limit]!.name : '';
  return { releases: rels.slice(0, limit), total, next };
}
