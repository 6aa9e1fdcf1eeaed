import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  IndexCache,
  IndexFile,
  IndexFormatError,
  indexDirectory,
  readIndexFile,
  searchRepositories,
} from '../src/index.js';
import { makeRepository } from './servers.js';

const HELM_INDEX = `apiVersion: v1
entries:
  alpine:
  - apiVersion: v1
    created: "2016-10-06T16:23:20.499814565-06:00"
    description: Deploy a basic Alpine Linux pod
    digest: 515c58e5f79d8b2913a10cb400ebb6fa9c77fe813287afbacf1a0b897cd78727
    home: https://helm.sh/helm
    keywords:
    - linux
    - alpine
    name: alpine
    sources:
    - https://github.com/helm/helm
    urls:
    - https://technosophos.github.io/tscharts/alpine-0.2.0.tgz
    version: 0.2.0
  - apiVersion: v1
    created: "2016-10-06T16:23:20.499543808-06:00"
    description: |
      Deploy a basic Alpine Linux pod

      (multi-line)
    digest: 515c58e5f79d8b2913a10cb400ebb6fa9c77fe813287afbacf1a0b897cd78727
    name: alpine
    urls:
    - alpine-0.1.0.tgz
    version: 0.1.0
  nginx:
  - apiVersion: v1
    created: "2016-10-06T16:23:20.499543808-06:00"
    description: Create a basic nginx HTTP server
    digest: aaff4545f79d8b2913a10cb400ebb6fa9c77fe813287afbacf1a0b897cdffffff
    name: nginx
    urls:
    - https://technosophos.github.io/tscharts/nginx-1.1.0.tgz
    version: 1.10
generated: "2016-10-06T16:23:20.499029981-06:00"
`;

describe('index.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-index-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads a Helm-written index entry by entry, keeping versions as written', async () => {
    const index = await IndexFile.load(write('helm.yaml', HELM_INDEX));
    assert.deepEqual([...index.entries.keys()], ['alpine', 'nginx']);
    assert.equal(index.entries.get('nginx')![0].version, '1.10');
    assert.equal(index.entries.get('alpine')![1].description, 'Deploy a basic Alpine Linux pod\n\n(multi-line)\n');
    assert.deepEqual(index.entries.get('alpine')![0].keywords, ['linux', 'alpine']);
    assert.equal(index.generated, '2016-10-06T16:23:20.499029981-06:00');
  });

  it('reads the same entries from a JSON (flow-style) index', async () => {
    const doc = { apiVersion: 'v1', entries: { web: [{ name: 'web', version: '1.0.0', urls: ['web-1.0.0.tgz'] }] } };
    const index = await IndexFile.load(write('flow.yaml', JSON.stringify(doc)));
    assert.equal(index.entries.get('web')![0].urls[0], 'web-1.0.0.tgz');
  });

  it('says clearly when the document is HTML or not an index', async () => {
    await assert.rejects(
      IndexFile.load(write('page.yaml', '<!DOCTYPE html>\n<html><body>hi</body></html>\n')),
      /HTML page instead of index.yaml/,
    );
    await assert.rejects(
      IndexFile.load(write('other.yaml', 'kind: Deployment\napiVersion: apps/v1\n')),
      (e: Error) => e instanceof IndexFormatError && /unexpected top-level field "kind"/.test(e.message),
    );
    await assert.rejects(IndexFile.load(write('noversion.yaml', 'entries: {}\n')), /no API version/);
  });

  it('skips entries that lack a version or urls and says which', async () => {
    const problems: string[] = [];
    const names: string[] = [];
    await readIndexFile(
      write(
        'broken.yaml',
        'apiVersion: v1\nentries:\n  a:\n  - name: a\n    urls: [a.tgz]\n  - name: a\n    version: 1.0.0\n  b:\n  - name: b\n    version: 2.0.0\n    urls:\n    - b.tgz\n',
      ),
      { entry: (name) => names.push(name), problem: (name, p) => problems.push(`${name}: ${p}`) },
    );
    assert.deepEqual(names, ['b']);
    assert.deepEqual(problems, ['a: has no version', 'a: version 1.0.0 has no urls']);
  });

  it('writes sorted, newest first, and reads back what it wrote', async () => {
    const index = await IndexFile.load(write('helm2.yaml', HELM_INDEX));
    index.entries.get('alpine')!.reverse();
    await index.write(join(dir, 'out.yaml'));
    const text = readFileSync(join(dir, 'out.yaml'), 'utf8');
    assert.ok(text.indexOf('version: 0.2.0') < text.indexOf('version: 0.1.0'));
    assert.match(text, /^apiVersion: v1\nentries:\n {2}alpine:\n {2}- apiVersion: v1\n/);
    const again = await IndexFile.load(join(dir, 'out.yaml'));
    assert.deepEqual(
      [...again.entries],
      [...(await IndexFile.load(join(dir, 'helm2.yaml'))).entries].map(([k, v]) => [
        k,
        k === 'alpine' ? [...v].sort((a, b) => (a.version < b.version ? 1 : -1)) : v,
      ]),
    );
  });

  it('indexes a directory of archives (with one level of subdirectories) and merges an older index', async () => {
    const repo = join(dir, 'repo');
    await makeRepository(repo, [
      ['web', '1.0.0'],
      ['web', '1.1.0'],
      ['db', '0.1.0', { keywords: '[sql]' }],
    ]);
    const old = write(
      'old.yaml',
      'apiVersion: v1\nentries:\n  web:\n  - name: web\n    version: 0.9.0\n    urls: [http://old/web-0.9.0.tgz]\n  - name: web\n    version: 1.0.0\n    urls: [http://old/web-1.0.0.tgz]\n',
    );
    const index = await indexDirectory(repo, { url: 'https://charts.example.com/base/', merge: old });
    const web = index.entries.get('web')!;
    assert.deepEqual(
      web.map((v) => v.version),
      ['1.1.0', '1.0.0', '0.9.0'],
    );
    assert.equal(web[1].urls[0], 'https://charts.example.com/base/web-1.0.0.tgz');
    assert.equal(web[2].urls[0], 'http://old/web-0.9.0.tgz');
    assert.match(web[0].digest!, /^[0-9a-f]{64}$/);
    assert.deepEqual(index.entries.get('db')![0].keywords, ['sql']);
  });

  it('builds a compact cache that search and lookups read instead of the index', async () => {
    const path = write('cache-src.yaml', HELM_INDEX);
    const built = await IndexCache.build(path);
    const loaded = await IndexCache.load(path);
    assert.deepEqual(loaded.names(), ['alpine', 'nginx']);
    assert.equal(loaded.versions('alpine')[1].url, 'alpine-0.1.0.tgz');
    assert.equal(loaded.versions('alpine')[0].digest, built.versions('alpine')[0].digest);
    const results = await searchRepositories([{ name: 'tsc', cache: loaded }], { terms: ['linux'] });
    assert.deepEqual(
      results.map((r) => [r.name, r.chart.version, r.score]),
      [['tsc/alpine', '0.2.0', 2]],
    );
    const all = await searchRepositories([{ name: 'tsc', cache: loaded }], { terms: ['alpine'], allVersions: true });
    assert.deepEqual(
      all.map((r) => r.chart.version),
      ['0.2.0', '0.1.0'],
    );
    const regexp = await searchRepositories([{ name: 'tsc', cache: loaded }], { terms: ['^ngi'], regexp: true });
    assert.deepEqual(
      regexp.map((r) => r.name),
      ['tsc/nginx'],
    );
  });

  it('rebuilds the cache when the index changed underneath it (e.g. written by Helm 2)', async () => {
    const path = write('changing.yaml', HELM_INDEX);
    await IndexCache.build(path);
    writeFileSync(path, HELM_INDEX.replace('nginx', 'apache').replace('nginx', 'apache'));
    const cache = await IndexCache.load(path);
    assert.deepEqual(cache.names(), ['alpine', 'apache']);
  });

  it('streams a large index without holding it whole', async () => {
    const parts = ['apiVersion: v1\nentries:\n'];
    for (let c = 0; c < 300; c++) {
      parts.push(`  c${c}:\n`);
      for (let v = 0; v < 20; v++)
        parts.push(
          `  - name: c${c}\n    version: 1.${v}.0\n    description: "chart ${c}: with # and: colons"\n    urls:\n    - c${c}-1.${v}.0.tgz\n`,
        );
    }
    const path = write('large.yaml', parts.join(''));
    let count = 0;
    await readIndexFile(path, { entry: () => count++ });
    assert.equal(count, 6000);
    const cache = await IndexCache.build(path);
    assert.equal(cache.versions('c7')[0].version, '1.19.0');
    assert.equal(cache.versions('c7')[0].description, 'chart 7: with # and: colons');
  });
});
