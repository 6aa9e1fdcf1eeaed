import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';

import { RepositoriesFile } from '../src/index.js';
import {
  parseMappingDocumentFast,
  parseVersionEntryFast,
  UNSUPPORTED,
} from '../src/index-file/version-entry-fast-path.js';
import { parseFailsafeYaml } from '../src/yaml/parse-failsafe-yaml.js';
import { makeRepository } from './servers.js';

/** Temporary directories of these tests, removed when they have run. */
const scratchDirs: string[] = [];
after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, '..', '..');

/**
 * The chart version items of a block-style index, each as its lines, grouped the way readIndexFile
 * groups them: `- ` lines at the item indent start an item, deeper (and blank) lines continue it.
 */
function splitVersionItems(text: string): string[][] {
  const items: string[][] = [];
  let inEntries = false;
  let chartIndent = -1;
  let itemIndent = -1;
  let current: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '') {
      current?.push('');
      continue;
    }
    if (indent === 0) {
      current = undefined;
      inEntries = line.startsWith('entries:');
      chartIndent = -1;
      itemIndent = -1;
      continue;
    }
    if (!inEntries) continue;
    if (chartIndent < 0) chartIndent = indent;
    const isItem = line.slice(indent).startsWith('- ');
    if (indent === chartIndent && !isItem) {
      current = undefined;
      itemIndent = -1;
      continue;
    }
    if (isItem && (itemIndent < 0 || indent === itemIndent)) {
      itemIndent = indent;
      current = [line];
      items.push(current);
    } else if (current && indent > itemIndent) {
      current.push(line);
    }
  }
  return items;
}

interface Outcome {
  accepted: boolean;
}

/** Both parsers on one item; whenever the fast path accepts, the full parser must give the same value. */
function compare(lines: string[]): Outcome {
  const fast = parseVersionEntryFast(lines);
  if (fast === UNSUPPORTED) return { accepted: false };
  const text = lines.join('\n');
  let full: unknown;
  try {
    full = parseFailsafeYaml(text);
  } catch (error) {
    assert.fail(
      `fast path accepted what the YAML parser rejects (${(error as Error).message.split('\n')[0]}):\n${text}`,
    );
  }
  assert.deepStrictEqual(fast, full, `differs for:\n${text}`);
  return { accepted: true };
}

/** Both parsers on a whole document; whenever the fast path accepts, the full parser must give the same value. */
function compareDocument(text: string): Outcome {
  const fast = parseMappingDocumentFast(text);
  if (fast === UNSUPPORTED) return { accepted: false };
  let full: unknown;
  try {
    full = parseFailsafeYaml(text);
  } catch (error) {
    assert.fail(
      `fast path accepted what the YAML parser rejects (${(error as Error).message.split('\n')[0]}):\n${text}`,
    );
  }
  assert.deepStrictEqual(fast, full, `differs for:\n${text}`);
  return { accepted: true };
}

const HELM2_REPOSITORIES = `apiVersion: v1
generated: 2019-08-20T14:32:11.803563-07:00
repositories:
- caFile: ""
  cache: /home/me/.helm/repository/cache/stable-index.yaml
  certFile: ""
  keyFile: ""
  name: stable
  password: ""
  url: https://kubernetes-charts.storage.googleapis.com
  username: ""
- caFile: ""
  cache: /home/me/.helm/repository/cache/local-index.yaml
  certFile: ""
  keyFile: ""
  name: local
  password: ""
  url: http://127.0.0.1:8879/charts
  username: ""
`;

const HELM3_REPOSITORIES = `apiVersion: ""
generated: "0001-01-01T00:00:00Z"
repositories:
- caFile: ""
  certFile: ""
  insecure_skip_tls_verify: false
  keyFile: ""
  name: bitnami
  pass_credentials_all: false
  password: ""
  url: https://charts.bitnami.com/bitnami
  username: ""
`;

function benchShapedIndex(charts: number, versions: number): string {
  const words = ['database', 'queue', 'cache', 'proxy', 'web'];
  const parts = ['apiVersion: v1\nentries:\n'];
  for (let c = 0; c < charts; c++) {
    const name = `chart-${String(c).padStart(5, '0')}`;
    const word = words[c % words.length];
    parts.push(`  ${name}:\n`);
    for (let v = versions - 1; v >= 0; v--) {
      const version = `${1 + (v >> 3)}.${v & 7}.${c % 5}`;
      const digest = createHash('sha256').update(`${name}-${version}`).digest('hex');
      parts.push(
        `  - apiVersion: v1\n    appVersion: ${3 + (v >> 2)}.${v % 4}.0\n    created: "2024-05-0${1 + (v % 9)}T10:${String(v).padStart(2, '0')}:00.123456789Z"\n` +
          `    description: The ${word} service number ${c}, packaged for Kubernetes with sensible defaults, health checks and metrics.\n` +
          `    digest: ${digest}\n    home: https://example.com/${name}\n` +
          `    keywords:\n    - ${word}\n    - ${words[(c + 3) % words.length]}\n    - bench\n` +
          `    maintainers:\n    - email: team-${c % 50}@example.com\n      name: Team ${c % 50}\n` +
          `    name: ${name}\n    sources:\n    - https://github.com/example/${name}\n` +
          `    urls:\n    - charts/${name}-${version}.tgz\n    version: ${version}\n`,
      );
    }
  }
  parts.push('generated: "2024-05-10T10:00:00.123456789Z"\n');
  return parts.join('');
}

/** index.yaml texts written inline in the test suites of every package (template literals without substitutions). */
function indexFixturesInTests(): string[] {
  const found: string[] = [];
  for (const pkg of readdirSync(packagesDir)) {
    const testDir = join(packagesDir, pkg, 'test');
    let files: string[];
    try {
      files = readdirSync(testDir, { recursive: true }).map(String);
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(testDir, file), 'utf8');
      for (const match of source.matchAll(/`([^`]*)`/g)) {
        if (match[1].includes('entries:') && !match[1].includes('${')) found.push(match[1]);
      }
    }
  }
  return found;
}

/** Charts whose metadata exercises quoting, wrapping and nested fields when an index is written. */
const TRICKY_CHARTS: [string, string, Record<string, string>?][] = [
  ['plain', '1.0.0'],
  [
    'odd',
    '1.10.0',
    {
      appVersion: '"1.10"',
      description: '"a: b # c \'q\' \\"d\\" é 日本 😀"',
      home: "'null'",
      keywords: '["~", "true", "", " x "]',
    },
  ],
  [
    'people',
    '0.1.0',
    {
      maintainers: '\n- name: "A: B"\n  email: "#a@example.com"\n- name: "  spaced  "',
      annotations: '\n  a/b: "1"\n  c: "line\\nbreak"',
    },
  ],
  ['long', '2.0.0', { description: `"${'word '.repeat(60)}end"` }],
  [
    'numbers',
    '0.0.1',
    {
      appVersion: '"010"',
      keywords: '["1e3", "0x1F", "-1", "null", "~", "yes"]',
      annotations: '\n  category: Database\n  empty: ""',
    },
  ],
];

describe('repositories.yaml fast path', () => {
  it('reads the files Helm 2, Helm 3 and helmts write, legacy name: url maps, and agrees with the YAML parser', async () => {
    const path = join(scratchDir('helmts-repositories-'), 'repositories.yaml');
    const file = new RepositoriesFile(path);
    file.update({
      name: 'a',
      url: 'https://a.example/charts',
      cache: 'a-index.yaml',
      username: 'me',
      password: 'p: #1 "x" \'y\'',
    });
    file.update({
      name: 'b',
      url: 'http://127.0.0.1:8879',
      cache: '/abs/b-index.yaml',
      caFile: '/ca.pem',
      insecure_skip_tls_verify: true,
    });
    await file.write();
    const written = readFileSync(path, 'utf8');
    for (const text of [
      HELM2_REPOSITORIES,
      HELM3_REPOSITORIES,
      written,
      'stable: https://charts.example.com\nlocal: http://127.0.0.1:8879/charts\n',
      'apiVersion: v1\nrepositories:\n',
    ]) {
      assert.ok(compareDocument(text).accepted, text);
    }
    const again = await RepositoriesFile.load(path);
    assert.deepEqual(again.repositories, file.repositories);
  });

  it('leaves anything else to the YAML parser', () => {
    for (const text of [
      '',
      '# comment\napiVersion: v1\n',
      'apiVersion: v1 # comment\n',
      '---\napiVersion: v1\n',
      'apiVersion: v1\n---\napiVersion: v2\n',
      '\ufeffapiVersion: v1\n',
      'apiVersion: v1\r\nrepositories: []\r\n',
      'repositories: []\n',
      '  apiVersion: v1\n',
      'a: 1\na: 2\n',
      'url: http://x\n  continued\n',
      'name: &a x\nother: *a\n',
      'description: |\n  text\n',
      '- a\n- b\n',
      'just a scalar\n',
      'a:\tb\n',
    ]) {
      assert.equal(parseMappingDocumentFast(text), UNSUPPORTED, JSON.stringify(text));
    }
  });

  it('agrees with the YAML parser after random edits of a real file', () => {
    const pieces = [
      'a',
      ' ',
      '  ',
      ':',
      ': ',
      '"',
      "'",
      '#',
      ' #',
      '\\',
      '- ',
      '-',
      '\n',
      '\n  ',
      '\n- ',
      '\t',
      '\r',
      '[',
      '{',
      '&',
      '*',
      '!',
      '|',
      '>',
      '~',
      'null',
      '\ufeff',
      '---',
    ];
    const edit = fc.array(fc.tuple(fc.nat(HELM2_REPOSITORIES.length), fc.nat(3), fc.constantFrom(...pieces)), {
      minLength: 1,
      maxLength: 3,
    });
    let accepted = 0;
    fc.assert(
      fc.property(edit, (edits) => {
        let text = HELM2_REPOSITORIES;
        for (const [at, remove, insert] of edits) {
          const pos = Math.min(at, text.length);
          text = text.slice(0, pos) + insert + text.slice(pos + remove);
        }
        if (compareDocument(text).accepted) accepted++;
      }),
      { numRuns: 3000 },
    );
    assert.ok(accepted > 200, `only ${accepted} accepted`);
  });
});

describe('index.yaml version entry fast path', () => {
  it('reads the common chart version shapes', () => {
    const lines = [
      '  - apiVersion: v1',
      '    appVersion: 1.10',
      '    annotations:',
      '      artifacthub.io/license: Apache-2.0',
      '      category: ""',
      '    created: "2024-05-02T10:19:00.123456789Z"',
      "    description: 'it''s #1: fast'",
      '    deprecated: true',
      '    home:',
      '    keywords:',
      '    - null',
      '    - "~"',
      '    maintainers:',
      '    - email: a@example.com',
      '      name: A',
      '    - name: B',
      '    urls:',
      '      - https://example.com/a-1.0.0.tgz',
      '    version: 1.0.0',
    ];
    assert.deepStrictEqual(parseVersionEntryFast(lines), [
      {
        apiVersion: 'v1',
        appVersion: '1.10',
        annotations: { 'artifacthub.io/license': 'Apache-2.0', category: '' },
        created: '2024-05-02T10:19:00.123456789Z',
        description: "it's #1: fast",
        deprecated: 'true',
        home: null,
        keywords: ['null', '~'],
        maintainers: [{ email: 'a@example.com', name: 'A' }, { name: 'B' }],
        urls: ['https://example.com/a-1.0.0.tgz'],
        version: '1.0.0',
      },
    ]);
    assert.ok(compare(lines).accepted);
  });

  it('leaves what it does not certainly understand to the YAML parser', () => {
    const unsupported = [
      ['  - description: |', '      multi', '      line'],
      ['  - keywords: [a, b]'],
      ['  - name: &a x', '    other: *a'],
      ['  - name: !!str x'],
      ['  - name: x # comment'],
      ['  - name: x', '    # comment'],
      ['  - name: x', '    name: y'],
      ['  - description: first', '      continued'],
      ['  - name: "a\\x41"'],
      ['  - name: "unterminated'],
      ['  - name:\tx'],
      ['  - name: x', '     odd: indent'],
      ['  - "quoted key": x'],
      ['  - name: `x`'],
      ['  - name: @x'],
      ['  - a: b: c'],
    ];
    for (const lines of unsupported) assert.equal(parseVersionEntryFast(lines), UNSUPPORTED, lines.join('\n'));
  });

  it('agrees with the YAML parser on every entry of a bench-shaped index, and accepts them all', () => {
    const items = splitVersionItems(benchShapedIndex(60, 20));
    assert.equal(items.length, 1200);
    for (const lines of items) assert.ok(compare(lines).accepted, lines.join('\n'));
  });

  it('agrees with the YAML parser on the index fixtures of the test suites', () => {
    const fixtures = indexFixturesInTests();
    assert.ok(fixtures.length > 0);
    let accepted = 0;
    let total = 0;
    for (const text of fixtures) {
      for (const lines of splitVersionItems(text)) {
        total++;
        if (compare(lines).accepted) accepted++;
      }
    }
    assert.ok(total > 0 && accepted > 0, `${accepted} of ${total}`);
  });

  it('agrees with the YAML parser on indexes written by indexDirectory', async () => {
    const repoDir = join(scratchDir('helmts-fast-path-'), 'repo');
    await makeRepository(repoDir, TRICKY_CHARTS, 'https://charts.example.com/');
    const items = splitVersionItems(readFileSync(join(repoDir, 'index.yaml'), 'utf8'));
    assert.equal(items.length, TRICKY_CHARTS.length);
    let accepted = 0;
    for (const lines of items) if (compare(lines).accepted) accepted++;
    assert.ok(accepted >= 2, `${accepted} of 4 accepted`);
  });

  it('agrees with the YAML parser on indexes written by helm repo index (when a helm binary is at hand)', async function () {
    const helm = [process.env.HELM_BIN, '/tmp/helmbin/helm/helm'].find(
      (candidate) => candidate && existsSync(candidate),
    );
    if (!helm) this.skip();
    const work = scratchDir('helmts-fast-path-helm-');
    const repoDir = join(work, 'repo');
    await makeRepository(repoDir, TRICKY_CHARTS, 'https://charts.example.com/');
    const r = spawnSync(helm!, ['repo', 'index', repoDir, '--url', 'https://charts.example.com/'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        HELM_CACHE_HOME: join(work, 'cache'),
        HELM_CONFIG_HOME: join(work, 'config'),
        HELM_DATA_HOME: join(work, 'data'),
      },
    });
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(join(repoDir, 'index.yaml'), 'utf8');
    const items = splitVersionItems(text);
    assert.equal(items.length, TRICKY_CHARTS.length, text);
    let accepted = 0;
    for (const lines of items) if (compare(lines).accepted) accepted++;
    assert.ok(accepted >= 2, `${accepted} of ${items.length} accepted`);
  });

  describe('generated entries', () => {
    const pieces = [
      'a',
      'b',
      'Z',
      '1',
      '0',
      '.',
      '/',
      '-',
      '_',
      ' ',
      '  ',
      ':',
      ': ',
      '"',
      "'",
      "''",
      '#',
      ' #',
      '\\',
      '\\n',
      '\\t',
      '\\"',
      '\\/',
      '\\u0041',
      '\\ud83d',
      '\\x41',
      '\\0',
      'null',
      '~',
      'true',
      'false',
      '1.10',
      '0x1F',
      '1e3',
      'é',
      '日本',
      '😀',
      '\t',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a',
      '*a',
      '!',
      '!!str ',
      '|',
      '>',
      '%',
      '@',
      '`',
      '?',
      '? ',
      '- ',
      '\u2028',
      '\u0085',
      '\ufeff',
      '\r',
      '---',
      '...',
      '<<',
    ];
    const tricky = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((parts) => parts.join(''));
    const gentle = fc
      .array(fc.constantFrom('a', 'b', '1', '.', '/', ' ', ':', '#', '"', "'", 'é', '😀', 'null', '-'), {
        maxLength: 6,
      })
      .map((parts) => parts.join(''));
    const scalar = fc.oneof(
      { weight: 3, arbitrary: gentle.map((s) => s) },
      { weight: 2, arbitrary: gentle.map((s) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`) },
      { weight: 2, arbitrary: gentle.map((s) => `'${s.replaceAll("'", "''")}'`) },
      tricky.map((s) => s),
      tricky.map((s) => `"${s}"`),
      tricky.map((s) => `'${s.replaceAll("'", "''")}'`),
      tricky.map((s) => `'${s}'`),
      tricky.map((s) => JSON.stringify(s)),
      fc.constantFrom('', ' ', 'v1', '1.10', 'null', '~', 'true', '""', "''", 'https://a.example/x.tgz', 'a:b', 'x#y'),
    );
    const key = fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9./-]{0,8}$/) },
      fc.constantFrom(
        'name',
        'version',
        'apiVersion',
        'a-b',
        'x.y/z',
        '1',
        'null',
        'true',
        '~',
        '__proto__',
        '"q"',
        'a b',
        'k:',
      ),
      tricky,
    );
    type Node = { scalar: string } | { list: Node[] } | { map: [string, Node][] };
    const leaf = scalar.map((s): Node => ({ scalar: s }));
    const smallMap = fc.array(fc.tuple(key, leaf), { minLength: 1, maxLength: 3 }).map((map): Node => ({ map }));
    const value = fc.oneof(
      { weight: 4, arbitrary: leaf },
      fc.array(leaf, { minLength: 1, maxLength: 3 }).map((list): Node => ({ list })),
      fc.array(smallMap, { minLength: 1, maxLength: 2 }).map((list): Node => ({ list })),
      smallMap,
    );
    const layout = fc.record({
      seqExtra: fc.constantFrom(0, 2),
      mapExtra: fc.constantFrom(2, 4),
      dashGap: fc.constantFrom(1, 1, 2),
    });

    function render(
      node: Node,
      column: number,
      lay: { seqExtra: number; mapExtra: number; dashGap: number },
    ): { inline?: string; lines: string[] } {
      if ('scalar' in node) return { inline: node.scalar, lines: [] };
      if ('map' in node) {
        const lines: string[] = [];
        for (const [k, v] of node.map) {
          const r = render(v, column, lay);
          lines.push(`${' '.repeat(column)}${k}:${r.inline === undefined ? '' : ` ${r.inline}`}`, ...r.lines);
        }
        return { lines };
      }
      const lines: string[] = [];
      for (const item of node.list) {
        const prefix = `${' '.repeat(column)}-${' '.repeat(lay.dashGap)}`;
        if ('scalar' in item) {
          lines.push(`${prefix}${item.scalar}`);
        } else {
          const inner = render(item, column + 1 + lay.dashGap, lay).lines;
          lines.push(prefix + inner[0].trimStart(), ...inner.slice(1));
        }
      }
      return { lines };
    }

    function renderEntry(
      fields: [string, Node][],
      lay: { seqExtra: number; mapExtra: number; dashGap: number },
    ): string[] {
      const column = 2 + 1 + lay.dashGap;
      const lines: string[] = [];
      for (const [k, v] of fields) {
        const childColumn = 'list' in v ? column + lay.seqExtra : column + lay.mapExtra;
        const r = render(v, childColumn, lay);
        lines.push(`${' '.repeat(column)}${k}:${r.inline === undefined ? '' : ` ${r.inline}`}`, ...r.lines);
      }
      lines[0] = `  -${' '.repeat(lay.dashGap)}${lines[0].trimStart()}`;
      return lines;
    }

    const entry = fc
      .tuple(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 6 }), layout)
      .map(([fields, lay]) => renderEntry(fields, lay));

    it('agree with the YAML parser whenever the fast path accepts them', () => {
      let accepted = 0;
      fc.assert(
        fc.property(entry, (lines) => {
          if (compare(lines).accepted) accepted++;
        }),
        { numRuns: 3000 },
      );
      assert.ok(accepted > 300, `only ${accepted} accepted`);
    });

    it('agree with the YAML parser as whole documents (top-level mappings) whenever the fast path accepts them', () => {
      const document = fc
        .tuple(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 5 }), layout)
        .map(([fields, lay]) => {
          const lines: string[] = [];
          for (const [k, v] of fields) {
            const childColumn = 'list' in v ? lay.seqExtra : lay.mapExtra;
            const r = render(v, childColumn, lay);
            lines.push(`${k}:${r.inline === undefined ? '' : ` ${r.inline}`}`, ...r.lines);
          }
          return lines.join('\n') + '\n';
        });
      let accepted = 0;
      fc.assert(
        fc.property(document, (text) => {
          if (compareDocument(text).accepted) accepted++;
        }),
        { numRuns: 3000 },
      );
      assert.ok(accepted > 300, `only ${accepted} accepted`);
    });

    it('agree with the YAML parser after random edits of a realistic entry', () => {
      const base = splitVersionItems(benchShapedIndex(1, 1))[0].join('\n');
      const edit = fc.array(
        fc.tuple(fc.nat(base.length), fc.nat(3), fc.constantFrom(...pieces, '\n', '\n    ', '\n  - ', '\n      ')),
        { minLength: 1, maxLength: 3 },
      );
      let accepted = 0;
      fc.assert(
        fc.property(edit, (edits) => {
          let text = base;
          for (const [at, remove, insert] of edits) {
            const pos = Math.min(at, text.length);
            text = text.slice(0, pos) + insert + text.slice(pos + remove);
          }
          if (compare(text.split('\n')).accepted) accepted++;
        }),
        { numRuns: 4000 },
      );
      assert.ok(accepted > 200, `only ${accepted} accepted`);
    });
  });
});
