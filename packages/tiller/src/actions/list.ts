// ListReleases (reference §3.10): status filter (default DEPLOYED), namespace, name regex, sort,
// offset (start at the record with that name), limit (default 512), `next`.
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { InvalidArgumentError } from './action-errors.js';
import { statusCode } from './release-status.js';
import { LABEL } from '../storage/record.js';

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

// Up to this many records, `list` reads them whole in one request rather than their labels first
// and then the page's records: one round trip to the API server instead of two.
const FEW_RECORDS = 64;

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
  const by = opts.sortBy ?? 'UNKNOWN';
  if (!opts.namespace && (by === 'NAME' || by === 'UNKNOWN')) return listByLabels(ctx, opts, codes, regex);
  const rels = (await ctx.storage.listReleases()).filter(
    (r) =>
      codes.has(statusCode(r)) && (!opts.namespace || r.namespace === opts.namespace) && (!regex || regex.test(r.name)),
  );
  const total = rels.length;
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
  const page = pageOf(rels, opts);
  return { releases: page.items, total, next: page.next };
}

/** Helm 2's offset (start at the last record with that name) and limit over records in list order. */
function pageOf<T extends { name: string }>(sorted: T[], opts: ListOptions): { items: T[]; next: string } {
  let rels = sorted;
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
  return { items: rels.slice(0, limit), next: rels.length > limit ? rels[limit]!.name : '' };
}

/**
 * The same answer when the filters and the order need nothing but the labels every record carries
 * (NAME, VERSION, STATUS; no namespace filter, sorted by name or in storage order): the labels are
 * listed alone (metadata only, a fraction of the bytes), filtered, sorted and paged, and only the
 * releases on the page are read and decoded: `helm list --all` over 10,000 revisions decodes the
 * revisions of its 256 rows, not 10,000 releases. A record that changed status or went away
 * between the two reads (a concurrent upgrade or delete) is left out, as a list made a moment
 * later would; one that cannot be decoded is left out with a warning, as before. When at most
 * FEW_RECORDS records match the statuses, they are read whole in one request instead, which went
 * out together with the labels list.
 */
async function listByLabels(
  ctx: TillerContext,
  opts: ListOptions,
  codes: Set<string>,
  regex: RegExp | undefined,
): Promise<ListResult> {
  const statuses = [...codes];
  // both at once: the records themselves if they are few, their labels for when they are not
  const few = ctx.storage.listReleasesIfAtMost(FEW_RECORDS, { statuses }).catch(() => undefined);
  const labelsRead = ctx.storage.recordLabels({ statuses });
  labelsRead.catch(() => {}); // awaited below only when the records were not few
  const all = await few;
  if (all) {
    const rels = all.filter((r) => codes.has(statusCode(r)) && (!regex || regex.test(r.name)));
    if (opts.sortOrder === 'DESC') rels.reverse();
    const page = pageOf(rels, opts);
    return { releases: page.items, total: rels.length, next: page.next };
  }
  const records = (await labelsRead)
    .map((labels) => ({ name: labels[LABEL.NAME] ?? '', version: Number(labels[LABEL.VERSION]) }))
    .filter((r) => r.name !== '' && Number.isInteger(r.version) && (!regex || regex.test(r.name)))
    // storage order (name, then revision), which sorting by name keeps (a stable sort)
    .sort((a, b) => (a.name === b.name ? a.version - b.version : a.name < b.name ? -1 : 1));
  if (opts.sortOrder === 'DESC') records.reverse();
  const page = pageOf(records, opts);
  const names = [...new Set(page.items.map((r) => r.name))];
  const read = new Map<string, Release>();
  for (const rel of await ctx.storage.listReleases({ names, statuses }))
    if (codes.has(statusCode(rel))) read.set(`${rel.name}\n${rel.version}`, rel);
  const releases = page.items.flatMap((r) => read.get(`${r.name}\n${r.version}`) ?? []);
  return { releases, total: records.length, next: page.next };
}
