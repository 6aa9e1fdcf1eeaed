// ListReleases reads a few records in one go, and otherwise only the page's releases when labels
// decide the answer (actions/list.ts): either way its answers must be those of filtering, sorting
// and paging every decoded release, as before.
import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import type { Release, StatusCode } from '@helmts/proto';
import { suiteNamespace } from '@helmts/testkit';
import { ConfigMapDriver, MemoryDriver, Storage, type Driver } from '../src/index.js';
import { listReleases, type ListOptions } from '../src/actions/list.js';
import type { TillerContext } from '../src/tiller-context.js';
import { sampleRelease } from './sample-release.js';

// names out of order on purpose; each release ends in the status given last
const RELEASES: [string, StatusCode[]][] = [
  ['web', ['SUPERSEDED', 'SUPERSEDED', 'DEPLOYED']],
  ['api', ['SUPERSEDED', 'FAILED']],
  ['db', ['DELETED']],
  ['cache', ['SUPERSEDED', 'DEPLOYED']],
  ['web-canary', ['DEPLOYED']],
  ['batch', ['PENDING_INSTALL']],
  ['admin', ['DEPLOYED']],
];

/** What ListReleases answered before: every release decoded, then filtered, sorted and paged. */
function reference(all: Release[], opts: ListOptions): { names: string[]; total: number; next: string } {
  const codes = new Set(opts.statusCodes?.length ? opts.statusCodes : ['DEPLOYED']);
  const regex = opts.filter ? new RegExp(opts.filter) : undefined;
  let rels = all
    .filter((r) => codes.has(String(r.info?.status?.code)) && (!regex || regex.test(r.name)))
    .sort((a, b) => (a.name === b.name ? a.version - b.version : a.name < b.name ? -1 : 1));
  const total = rels.length;
  if (opts.sortOrder === 'DESC') rels.reverse();
  if (opts.offset) rels = rels.slice(rels.map((r) => r.name).lastIndexOf(opts.offset));
  const limit = opts.limit || 512;
  return {
    names: rels.slice(0, limit).map((r) => `${r.name}.v${r.version}`),
    total,
    next: rels.length > limit ? rels[limit]!.name : '',
  };
}

const ALL: StatusCode[] = ['DEPLOYED', 'SUPERSEDED', 'FAILED', 'DELETED', 'PENDING_INSTALL'];
const CASES: ListOptions[] = [
  {},
  { sortBy: 'NAME' },
  { sortBy: 'NAME', sortOrder: 'DESC' },
  { statusCodes: ALL },
  { statusCodes: ALL, sortBy: 'NAME', limit: 4 },
  { statusCodes: ALL, sortBy: 'NAME', limit: 3, offset: 'cache' },
  { statusCodes: ALL, sortBy: 'NAME', sortOrder: 'DESC', limit: 5, offset: 'web' },
  { statusCodes: ['FAILED', 'DELETED'] },
  { statusCodes: ALL, filter: '^web' },
  { statusCodes: ALL, filter: 'a', limit: 2 },
  { statusCodes: ['SUPERSEDED'], limit: 1 },
];

function listBehaviour(makeDriver: () => Driver) {
  let ctx: TillerContext;
  let all: Release[];
  before(async () => {
    const storage = new Storage(makeDriver());
    for (const [name, statuses] of RELEASES)
      for (const [i, status] of statuses.entries()) await storage.create(sampleRelease(name, i + 1, status));
    all = await storage.listReleases();
    ctx = { storage, log: { log() {}, info() {}, warn() {}, error() {} } } as unknown as TillerContext;
  });

  for (const opts of CASES) {
    it(`answers ${JSON.stringify(opts)} as filtering every release would`, async () => {
      const got = await listReleases(ctx, opts);
      const want = reference(all, opts);
      assert.deepEqual(
        { names: got.releases.map((r) => `${r.name}.v${r.version}`), total: got.total, next: got.next },
        want,
      );
      for (const r of got.releases) assert.ok(r.manifest, 'whole releases, not only their labels');
    });
  }

  it('refuses an offset it cannot find, as Helm 2', async () => {
    await assert.rejects(listReleases(ctx, { offset: 'nope' }), /offset "nope" not found/);
  });
}

/** `d` without listIfAtMost: ListReleases then reads the labels first, then the page's records. */
function labelsFirst(d: Driver): Driver {
  return new Proxy(d, {
    get(target, key) {
      if (key === 'listIfAtMost') return undefined;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('ListReleases', () => {
  describe('over the memory driver', () => listBehaviour(() => new MemoryDriver()));
  describe('over the memory driver, labels first', () => listBehaviour(() => labelsFirst(new MemoryDriver())));

  describe('over ConfigMaps in the apiserver @cluster', function () {
    this.timeout(120_000);
    const scratch = suiteNamespace('list');
    listBehaviour(() => new ConfigMapDriver({ namespace: scratch.name, kubeConfig: scratch.kubeConfig }));
  });

  describe('over ConfigMaps in the apiserver, labels first @cluster', function () {
    this.timeout(120_000);
    const scratch = suiteNamespace('list-labels');
    listBehaviour(() => labelsFirst(new ConfigMapDriver({ namespace: scratch.name, kubeConfig: scratch.kubeConfig })));
  });
});
