import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { compareVersionStringsDescending, Constraint, Version } from '@helmts/semver';
import fc from 'fast-check';
import { stringify } from 'yaml';

import { cacheFileOf, IndexCache, IndexFile, RepoError, searchRepositories, type SearchOptions } from '../src/index.js';
import { quickDefaultCheck } from '../src/search.js';

const HELM2 = { dialect: 'v1.5' } as const;

interface Spec {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  keywords?: string[];
  deprecated?: boolean;
  url: string;
  digest?: string;
}

/** index.yaml in block style (as Helm writes it) for these versions, in this order. */
function indexText(specs: Spec[]): string {
  const entries: Record<string, Record<string, unknown>[]> = {};
  for (const s of specs) {
    const entry: Record<string, unknown> = { apiVersion: 'v1', name: s.name, version: s.version, urls: [s.url] };
    if (s.appVersion !== undefined) entry.appVersion = s.appVersion;
    if (s.description !== undefined) entry.description = s.description;
    if (s.keywords) entry.keywords = s.keywords;
    if (s.deprecated) entry.deprecated = true;
    if (s.digest !== undefined) entry.digest = s.digest;
    (entries[s.name] ??= []).push(entry);
  }
  return stringify({ apiVersion: 'v1', entries, generated: '2024-01-01T00:00:00Z' }, { lineWidth: 0 });
}

const SEPARATOR = '\v';

function fieldOf(at: number, line: string): number {
  let field = 0;
  let pos = line.indexOf(SEPARATOR);
  while (pos !== -1 && at > pos) {
    field++;
    pos = line.indexOf(SEPARATOR, pos + 1);
  }
  return field;
}

/**
 * Helm 2's search written the plain way, over the index itself: one line per version, every
 * result sorted by score, name and version (newest first), then filtered by the constraint.
 */
function referenceSearch(repos: { name: string; index: IndexFile }[], options: SearchOptions): string[] {
  const term = (options.terms ?? []).join(' ');
  const results: {
    name: string;
    score: number;
    version: string;
    appVersion: string;
    description: string;
    deprecated: boolean;
    order: number;
  }[] = [];
  let order = 0;
  for (const repo of repos) {
    for (const [chart, versions] of repo.index.entries) {
      for (const v of versions) {
        const name = `${repo.name}/${chart}`;
        const line = [chart, name, v.description ?? '', (v.keywords ?? []).join(' ')].join(SEPARATOR);
        let score = 0;
        if (term) {
          const matchLine = options.regexp ? line : line.toLowerCase();
          const at = options.regexp ? line.search(new RegExp(term)) : matchLine.indexOf(term.toLowerCase());
          if (at === -1) continue;
          score = fieldOf(at, matchLine);
          if (score >= 25) continue;
        }
        results.push({
          name,
          score,
          version: v.version,
          appVersion: v.appVersion ?? '',
          description: v.description ?? '',
          deprecated: v.deprecated === true,
          order: order++,
        });
      }
    }
  }
  results.sort(
    (a, b) =>
      a.score - b.score ||
      (a.name === b.name
        ? compareVersionStringsDescending(a.version, b.version, HELM2) || a.order - b.order
        : a.name < b.name
          ? -1
          : 1),
  );
  const constraint = Constraint.parse(options.version || (options.devel ? '>0.0.0-0' : '>0.0.0'), HELM2);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of results) {
    if (seen.has(r.name)) continue;
    const v = Version.tryParse(r.version, HELM2);
    if (v && !constraint.check(v)) continue;
    out.push(JSON.stringify([r.name, r.version, r.score, r.appVersion, r.description, r.deprecated]));
    if (!options.allVersions) seen.add(r.name);
  }
  return out;
}

async function search(repos: { name: string; cache: IndexCache }[], options: SearchOptions): Promise<string[]> {
  const results = await searchRepositories(repos, options);
  return results.map((r) =>
    JSON.stringify([r.name, r.chart.version, r.score, r.chart.appVersion, r.chart.description, r.chart.deprecated]),
  );
}

/** Each chart's versions as the cache lists them, with their locations, from the index itself. */
function referenceVersions(index: IndexFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [chart, versions] of index.entries) {
    const sorted = versions
      .map((v, i) => ({ v, i }))
      .sort((a, b) => compareVersionStringsDescending(a.v.version, b.v.version, HELM2) || a.i - b.i);
    out.set(
      chart,
      sorted.map(({ v }) =>
        JSON.stringify([
          v.version,
          v.appVersion ?? '',
          v.urls[0].replace(/[\t\n]/g, ' '),
          (v.digest ?? '').replace(/[\t\n]/g, ' '),
          v.deprecated === true,
        ]),
      ),
    );
  }
  return out;
}

function cachedVersions(cache: IndexCache): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of cache.names()) {
    out.set(
      name,
      cache.versions(name).map((v) => JSON.stringify([v.version, v.appVersion, v.url, v.digest, v.deprecated])),
    );
  }
  return out;
}

describe('index cache (format 3)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-index-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let counter = 0;
  const writeIndex = (specs: Spec[]): string => {
    const path = join(dir, `i${counter++}-index.yaml`);
    writeFileSync(path, indexText(specs));
    return path;
  };

  const CHANGING: Spec[] = [
    {
      name: 'db',
      version: '1.0.0',
      appVersion: '5.0',
      description: 'A database',
      keywords: ['sql'],
      url: 'db-1.0.0.tgz',
      digest: 'd100',
    },
    {
      name: 'db',
      version: '2.0.0',
      appVersion: '6.0',
      description: 'A database server',
      keywords: ['sql', 'server'],
      url: 'db-2.0.0.tgz',
      digest: 'd200',
    },
    {
      name: 'db',
      version: '1.5.0',
      appVersion: '5.5',
      description: 'A database',
      keywords: ['sql'],
      url: 'db-1.5.0.tgz',
      digest: 'd150',
      deprecated: true,
    },
    {
      name: 'db',
      version: '3.0.0-beta.1',
      description: 'Next database',
      keywords: ['sql', 'proxy'],
      url: 'db-3.0.0-beta.1.tgz',
    },
    {
      name: 'proxy',
      version: '0.1.0',
      description: 'Front for the db',
      keywords: [],
      url: 'https://example.com/proxy-0.1.0.tgz',
      digest: 'p010',
    },
    { name: 'proxy', version: 'latest', description: 'Front for the db', url: 'proxy-latest.tgz', digest: 'plat' },
  ];

  it('keeps versions newest first with their own appVersion, description, keywords, deprecated flag and location', async () => {
    const path = writeIndex(CHANGING);
    await IndexCache.build(path);
    const cache = await IndexCache.load(path);
    const db = cache.versions('db');
    assert.deepEqual(
      db.map((v) => [v.version, v.appVersion, v.description, v.keywords, v.deprecated, v.url, v.digest]),
      [
        ['3.0.0-beta.1', '', 'Next database', 'sql proxy', false, 'db-3.0.0-beta.1.tgz', ''],
        ['2.0.0', '6.0', 'A database server', 'sql server', false, 'db-2.0.0.tgz', 'd200'],
        ['1.5.0', '5.5', 'A database', 'sql', true, 'db-1.5.0.tgz', 'd150'],
        ['1.0.0', '5.0', 'A database', 'sql', false, 'db-1.0.0.tgz', 'd100'],
      ],
    );
    assert.deepEqual(JSON.parse(JSON.stringify(db[2])), {
      name: 'db',
      version: '1.5.0',
      appVersion: '5.5',
      description: 'A database',
      keywords: 'sql',
      url: 'db-1.5.0.tgz',
      digest: 'd150',
      deprecated: true,
    });
    // Unparsable versions last.
    assert.deepEqual(
      cache.versions('proxy').map((v) => v.version),
      ['0.1.0', 'latest'],
    );
    assert.deepEqual(cache.versions('nope'), []);
    assert.deepEqual(cache.names(), ['db', 'proxy']);
    const all: string[] = [];
    cache.forEach((v) => all.push(`${v.name}@${v.version}:${v.url}`));
    assert.deepEqual(all, [
      'db@3.0.0-beta.1:db-3.0.0-beta.1.tgz',
      'db@2.0.0:db-2.0.0.tgz',
      'db@1.5.0:db-1.5.0.tgz',
      'db@1.0.0:db-1.0.0.tgz',
      'proxy@0.1.0:https://example.com/proxy-0.1.0.tgz',
      'proxy@latest:proxy-latest.tgz',
    ]);
  });

  it('scans every version, saying when description and keywords change from the previous one', async () => {
    const cache = await IndexCache.build(writeIndex(CHANGING));
    const seen: [string, string, string, string, boolean, string][] = [];
    cache.scan((name, version, description, keywords, changed, entry) =>
      seen.push([name, version, description, keywords, changed, entry().url]),
    );
    assert.deepEqual(seen, [
      ['db', '3.0.0-beta.1', 'Next database', 'sql proxy', true, 'db-3.0.0-beta.1.tgz'],
      ['db', '2.0.0', 'A database server', 'sql server', true, 'db-2.0.0.tgz'],
      ['db', '1.5.0', 'A database', 'sql', true, 'db-1.5.0.tgz'],
      ['db', '1.0.0', 'A database', 'sql', false, 'db-1.0.0.tgz'],
      ['proxy', '0.1.0', 'Front for the db', '', true, 'https://example.com/proxy-0.1.0.tgz'],
      ['proxy', 'latest', 'Front for the db', '', false, 'proxy-latest.tgz'],
    ]);
  });

  it('orders and filters search results as Helm does when descriptions and keywords change between versions', async () => {
    const path = writeIndex(CHANGING);
    const repos = [{ name: 'r', cache: await IndexCache.load(path) }];
    const index = [{ name: 'r', index: await IndexFile.load(path) }];
    // "server" is in 2.0.0's description only; "proxy" is a chart name, and in 3.0.0-beta.1's keywords.
    assert.deepEqual(
      (await searchRepositories(repos, { terms: ['server'] })).map((r) => [r.name, r.chart.version, r.score]),
      [['r/db', '2.0.0', 2]],
    );
    assert.deepEqual(
      (await searchRepositories(repos, { terms: ['proxy'], devel: true })).map((r) => [
        r.name,
        r.chart.version,
        r.score,
      ]),
      [
        ['r/proxy', '0.1.0', 0],
        ['r/db', '3.0.0-beta.1', 3],
      ],
    );
    assert.deepEqual(
      (await searchRepositories(repos, { terms: ['database'], allVersions: true })).map((r) => [
        r.name,
        r.chart.version,
        r.chart.deprecated,
      ]),
      [
        ['r/db', '2.0.0', false],
        ['r/db', '1.5.0', true],
        ['r/db', '1.0.0', false],
      ],
    );
    assert.deepEqual(
      (await searchRepositories(repos, { terms: ['db'], version: '<2' })).map((r) => [
        r.name,
        r.chart.version,
        r.score,
      ]),
      [
        ['r/db', '1.5.0', 0],
        ['r/proxy', '0.1.0', 2],
      ],
    );
    assert.deepEqual(
      (await searchRepositories(repos, { terms: ['db'], version: '>=3' })).map((r) => [
        r.name,
        r.chart.version,
        r.score,
      ]),
      // An unparsable version is not filtered out (as in Helm 2).
      [['r/proxy', 'latest', 2]],
    );
    for (const options of [
      {},
      { terms: ['a'] },
      { terms: ['DATA'] },
      { terms: ['^r/p'], regexp: true },
      { terms: ['db'], allVersions: true, devel: true },
      { terms: ['sql'], version: '^1.0.0', allVersions: true },
    ] as SearchOptions[]) {
      assert.deepEqual(await search(repos, options), referenceSearch(index, options), JSON.stringify(options));
    }
    await assert.rejects(searchRepositories(repos, { terms: ['('], regexp: true }), /invalid regular expression/);
    await assert.rejects(searchRepositories([], { terms: ['('], regexp: true }), /invalid regular expression/);
    await assert.rejects(
      searchRepositories([], { version: 'not a constraint' }),
      /^RepoError: an invalid version\/constraint format: /,
    );
  });

  it('matches as Helm lower-cases, also for characters that lower-case to ASCII', async () => {
    const path = writeIndex([
      { name: 'kelvin', version: '1.0.0', description: 'Measures in \u212aelvin', url: 'k.tgz' },
      { name: 'city', version: '1.0.0', description: 'From İstanbul', keywords: ['ÉTÉ'], url: 'c.tgz' },
    ]);
    const repos = [{ name: 'r', cache: await IndexCache.load(path) }];
    const index = [{ name: 'r', index: await IndexFile.load(path) }];
    assert.ok(repos[0].cache.lowersToAscii);
    for (const term of ['kelvin', 'KELVIN', 'istanbul', 'i̇stanbul', 'été', 'r/c', 'İ', 'in k']) {
      assert.deepEqual(await search(repos, { terms: [term] }), referenceSearch(index, { terms: [term] }), term);
    }
    assert.deepEqual(
      (await searchRepositories(repos, { terms: ['kelvin'] })).map((r) => [r.name, r.score]),
      [['r/kelvin', 0]],
    );
    assert.deepEqual(
      (await searchRepositories(repos, { terms: ['elvin'] })).map((r) => [r.name, r.score]),
      [['r/kelvin', 0]],
    );
    assert.deepEqual(
      (await searchRepositories(repos, { terms: ['in kelvin'] })).map((r) => [r.name, r.score]),
      [['r/kelvin', 2]],
    );
  });

  it('keeps versions and locations holding tabs and newlines', async () => {
    const path = writeIndex([
      { name: 'odd', version: '1.0.0', appVersion: 'a\tb', description: 'x', url: 'with\ttab.tgz', digest: 'd\n1' },
      { name: 'odd', version: '2.0\t0', appVersion: 'line\nbreak', description: 'y', url: 'odd.tgz', deprecated: true },
    ]);
    await IndexCache.build(path);
    const cache = await IndexCache.load(path);
    assert.deepEqual(
      cache.versions('odd').map((v) => [v.version, v.appVersion, v.description, v.url, v.digest, v.deprecated]),
      [
        ['1.0.0', 'a\tb', 'x', 'with tab.tgz', 'd 1', false],
        ['2.0\t0', 'line\nbreak', 'y', 'odd.tgz', '', true],
      ],
    );
  });

  it('rebuilds a cache in an older format, a corrupt or truncated one, and one for another index', async () => {
    const path = writeIndex(CHANGING);
    const cachePath = cacheFileOf(path);
    const { size, mtimeMs } = statSync(path);
    const expected = referenceVersions(await IndexFile.load(path));
    const v2 = JSON.stringify({
      format: 'helmts-index-cache/2',
      index: { size, mtimeMs },
      generated: '',
      charts: [['db', [['9.9.9', '', 'old', '']], 'old.tgz\t']],
      problems: [],
    });
    for (const stale of [
      v2,
      '',
      'garbage',
      '{"format":"helmts-index-cache/3",',
      `{"format":"helmts-index-cache/3","index":{"size":${size},"mtimeMs":${mtimeMs}},"charts":[1,2,3,-4]}\n[]\n[]\n`,
    ]) {
      writeFileSync(cachePath, stale);
      const cache = await IndexCache.load(path);
      assert.deepEqual(cachedVersions(cache), expected);
      assert.ok(readFileSync(cachePath, 'utf8').startsWith('{"format":"helmts-index-cache/3",'));
    }
    const good = readFileSync(cachePath);
    for (const cut of [good.length - 5, good.indexOf(10) + 10, 100]) {
      writeFileSync(cachePath, good.subarray(0, cut));
      assert.deepEqual(cachedVersions(await IndexCache.load(path)), expected);
      assert.deepEqual(readFileSync(cachePath), good);
    }
    // The index changed (size or mtime): rebuilt from it.
    writeFileSync(cachePath, good);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    writeFileSync(path, indexText(CHANGING.slice(4)));
    assert.deepEqual((await IndexCache.load(path)).names(), ['proxy']);
  });

  it('reads url and digest from the file only when asked, and refuses a file replaced meanwhile by another index', async () => {
    const path = writeIndex(CHANGING);
    await IndexCache.build(path);
    const [early, same, late] = await Promise.all([
      IndexCache.load(path),
      IndexCache.load(path),
      IndexCache.load(path),
    ]);
    assert.equal(early.versions('db')[1].digest, 'd200');
    // Rewritten for the same index: the same bytes, still readable.
    await IndexCache.build(path);
    assert.equal(same.versions('db')[1].url, 'db-2.0.0.tgz');
    // Rewritten for another index.
    await IndexCache.build(
      writeIndex([...CHANGING, { name: 'zeta', version: '1.0.0', url: 'z.tgz' }]),
      cacheFileOf(path),
    );
    const version = late.versions('db')[0];
    assert.equal(version.version, '3.0.0-beta.1');
    assert.throws(
      () => version.url,
      (e: Error) => e instanceof RepoError && /changed while it was in use/.test(e.message),
    );
    // Those that read their locations before keep them.
    assert.equal(early.versions('proxy')[0].url, 'https://example.com/proxy-0.1.0.tgz');
    assert.equal(same.versions('proxy')[1].digest, 'plat');
  });

  describe('generated indexes', () => {
    const words = [
      'data',
      'base',
      'Cache',
      'web',
      'proxy',
      'SQL',
      'r/c',
      'c',
      'É',
      '\u212a',
      'İ',
      'a b',
      'x',
      'NE/',
      'e/b',
      '/',
      'ö/',
      'one/',
      'o',
    ];
    const text = fc.array(fc.constantFrom(...words), { maxLength: 4 }).map((parts) => parts.join(''));
    const versionText = fc.constantFrom(
      '1.0.0',
      '1.0.0',
      '2.1.0',
      '0.0.0',
      '0.0.1',
      '1.2',
      'v1.0.0',
      '1.0.0-rc.1',
      '1.0.0+build',
      '01.2.3',
      '10.0.0',
      'latest',
      ' 1.0.0',
      '2.0.0-0',
      '1.10.0',
    );
    const spec = fc.record({
      name: fc.constantFrom('alpha', 'beta', 'cache', 'data-base', 'web'),
      version: versionText,
      appVersion: fc.option(text, { nil: undefined }),
      description: fc.option(text, { nil: undefined }),
      keywords: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
      deprecated: fc.boolean(),
      url: fc.constantFrom('a.tgz', 'https://example.com/b.tgz', 'c d.tgz'),
      digest: fc.option(fc.constantFrom('aa', 'bb', ''), { nil: undefined }),
    });
    const optionsArb = fc.record({
      terms: fc.array(text, { maxLength: 2 }),
      regexp: fc.constant(false),
      allVersions: fc.boolean(),
      devel: fc.boolean(),
      version: fc.constantFrom(undefined, undefined, '^1.0.0', '>=0.0.1-0', '~1.2', '1.0.0'),
    });

    it('search gives what the plain algorithm gives over the index, and every location is right', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(spec, { minLength: 1, maxLength: 25 }),
          fc.array(spec, { maxLength: 10 }),
          fc.array(optionsArb, { minLength: 1, maxLength: 4 }),
          async (one, two, optionsList) => {
            const paths = [writeIndex(one), writeIndex(two.length ? two : one)];
            const built = await IndexCache.build(paths[0]);
            const repos = [
              { name: 'one', cache: await IndexCache.load(paths[0]) },
              { name: 'zÖ', cache: await IndexCache.load(paths[1]) },
            ];
            const indexes = [
              { name: 'one', index: await IndexFile.load(paths[0]) },
              { name: 'zÖ', index: await IndexFile.load(paths[1]) },
            ];
            for (const options of optionsList) {
              const expected = referenceSearch(indexes, options);
              assert.deepEqual(await search(repos, options), expected, JSON.stringify(options));
              assert.deepEqual(await search([{ name: 'one', cache: built }, repos[1]], options), expected);
            }
            assert.deepEqual(cachedVersions(repos[0].cache), referenceVersions(indexes[0].index));
            assert.deepEqual(cachedVersions(built), referenceVersions(indexes[0].index));
          },
        ),
        { numRuns: 100 },
      );
    });
  });

  it('answers the default constraints for plain versions exactly as the semver parser does', () => {
    const segment = fc.oneof(
      fc.constantFrom('0', '1', '00', '01', '10', '999999999999999', '9999999999999999', '18446744073709551616'),
      fc.nat().map(String),
    );
    const version = fc.oneof(
      fc.tuple(segment, segment, segment).map((parts) => parts.join('.')),
      fc.tuple(segment, segment).map((parts) => parts.join('.')),
      fc.constantFrom('0.0.0', 'v1.0.0', '1.0.0-0', '1.0.0+x', ' 1.0.0', '1.0.0 ', '', 'x'),
    );
    for (const devel of [false, true]) {
      const quick = quickDefaultCheck(devel);
      const constraint = Constraint.parse(devel ? '>0.0.0-0' : '>0.0.0', HELM2);
      fc.assert(
        fc.property(version, (text) => {
          const answer = quick(text);
          if (answer === undefined) return;
          const parsed = Version.tryParse(text, HELM2);
          assert.equal(answer, !parsed || constraint.check(parsed), text);
        }),
        { numRuns: 2000 },
      );
    }
  });
});
