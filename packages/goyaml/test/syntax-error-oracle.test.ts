import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { composeGoYamlDocuments, fromYaml, goYamlSyntaxError, type GoYamlVersion } from '../src/index.js';

// What the real Helm 2.17.0 (go-yaml v2.2.4) and helm v4.1.4 (go-yaml v2.4.3) return from
// `fromYaml` (as toJson) for 1,246 texts, mostly broken: hand-written cases reaching every error of
// go-yaml's reader, scanner, parser and decoder, and seeded mutations of real values files and
// manifests. Recorded by test/oracle/record-syntax-errors.mjs.
const records: Array<{ yaml: string; helm2: string; helm4: string }> = JSON.parse(
  readFileSync(new URL('./fixtures/syntax-error-oracle.json', import.meta.url), 'utf8'),
);

/** Go's JSON encoding sorts map keys; compare without caring about order. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return v;
}

/**
 * A sequence nested exactly 10,000 levels deep at the top: Go decodes it (and fromYaml then says it
 * is no map); helmts' recursive decoder runs out of stack first and says the nesting is too deep.
 */
function isKnownDifference(r: { yaml: string }): boolean {
  return /^(\[{100}|(- ){100})/.test(r.yaml);
}

describe('go-yaml v2 syntax and decoding, against the real Helms', () => {
  for (const [helm, version] of [
    ['helm2', 'v2.2'],
    ['helm4', 'v2.4'],
  ] as const) {
    it(`fromYaml gives what ${helm === 'helm2' ? 'Helm 2.17' : 'helm v4'} gives (go-yaml ${version}) for every recorded text`, function () {
      this.timeout(120_000);
      const differences: string[] = [];
      let known = 0;
      for (const r of records) {
        const expected = canonical(JSON.parse(r[helm]));
        const actual = canonical(fromYaml(r.yaml, version as GoYamlVersion));
        if (JSON.stringify(actual) === JSON.stringify(expected)) continue;
        if (isKnownDifference(r)) {
          known++;
          continue;
        }
        differences.push(
          `${JSON.stringify(r.yaml).slice(0, 100)}\n  ${helm}:   ${JSON.stringify(expected).slice(0, 200)}\n  helmts: ${JSON.stringify(actual).slice(0, 200)}`,
        );
      }
      assert.deepEqual(differences, [], `${differences.length} differences`);
      assert.equal(known, 2);
    });
  }

  it('go-yaml v2.2 and v2.4 differ where v2.4 stopped dropping stale keys on every token', () => {
    const text = 'a: 1\n{}\nb: 2\n';
    assert.equal(goYamlSyntaxError(text, 'v2.2'), "line 3: could not find expected ':'");
    assert.equal(goYamlSyntaxError(text, 'v2.4'), 'line 1: did not find expected key');
  });

  it('scanner errors count lines from 1, parser errors from 0, and none is given on the first line', () => {
    assert.equal(goYamlSyntaxError('a: "x\n'), 'line 2: found unexpected end of stream');
    assert.equal(goYamlSyntaxError('a: b\n- c\n'), 'line 1: did not find expected key');
    assert.equal(goYamlSyntaxError('a: b: c\n'), 'mapping values are not allowed in this context');
    assert.equal(goYamlSyntaxError('a: b\n'), undefined);
  });

  it('reads every document of a stream, and only the first for Unmarshal', () => {
    const docs = composeGoYamlDocuments('a: 1\n---\nb: [2]\n---\n');
    assert.deepEqual(
      docs.map((d) => d.kind),
      ['mapping', 'mapping', 'scalar'],
    );
    assert.equal(goYamlSyntaxError('a: 1\n---\nb: : :\n'), undefined);
    assert.equal(composeGoYamlDocuments('a: 1\n---\nb: : :\n', 'v2.2', true).length, 1);
    assert.throws(() => composeGoYamlDocuments('a: 1\n---\nb: : :\n'), /mapping values are not allowed/);
  });
});
