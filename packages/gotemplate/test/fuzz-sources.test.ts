import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GoError, TemplateSet } from '../src/index.js';

/** Per property, in seconds; FUZZ_SECONDS=300 for a long run (FUZZ_REPORT=1 prints the counts). */
const seconds = Number(process.env.FUZZ_SECONDS ?? '3');
const params = {
  interruptAfterTimeLimit: seconds * 1000,
  numRuns: Number.MAX_SAFE_INTEGER,
  markInterruptAsFailure: false,
};

// Pieces of Go templates, including the ones that loop (range, recursive template calls) and
// the ones that nest (parentheses, pipelines, blocks).
const PIECES = [
  '{{',
  '}}',
  '{{-',
  '-}}',
  ' ',
  '.',
  '.A',
  '.B.C',
  '$',
  '$x',
  ':=',
  '=',
  '|',
  '(',
  ')',
  ',',
  '"s"',
  '`r`',
  "'c'",
  '1',
  '-2',
  '3.5',
  '1e3',
  '0x1F',
  'true',
  'nil',
  'if',
  'else',
  'else if',
  'end',
  'range',
  'with',
  'define "t"',
  'template "t" .',
  'template "t"',
  'block "b" .',
  'break',
  'continue',
  'len',
  'index',
  'print',
  'printf "%v"',
  'printf "%d %s"',
  'and',
  'or',
  'not',
  'eq',
  'ne',
  'lt',
  'slice',
  'html',
  'js',
  'urlquery',
  'call',
  '/*',
  '*/',
  '{{/* c */}}',
  'text',
  '\n',
  '{{ range $i, $v := .L }}',
  '{{ end }}',
  '{{ define "t" }}{{ template "t" . }}{{ end }}',
  '{{ template "t" . }}',
  '{{ range .L }}{{ range .L }}{{ . }}{{ end }}{{ end }}',
];

const DATA = { A: 'a', B: { C: [1, 2, 3] }, L: Array.from({ length: 30 }, (_, i) => i), M: { k: 'v' } };

/** The engine's contract: output, or a template error (GoError and its subclasses) — nothing else. */
function runTemplate(text: string): void {
  const set = new TemplateSet({
    missingKey: 'zero',
    maxDepth: 200,
    maxOutputBytes: 1 << 20,
    maxRangeIterations: 100_000,
  });
  try {
    set.parse('fuzz', text);
    set.execute('fuzz', DATA);
  } catch (e) {
    if (!(e instanceof GoError)) throw e;
  }
}

describe('fuzzing Go-template sources (fast-check, time-bounded)', function () {
  this.timeout(seconds * 1000 * 3 + 30_000);
  const counts = { pieces: 0, chars: 0 };
  after(() => {
    if (process.env.FUZZ_REPORT) console.log('gotemplate fuzz counts', counts);
  });

  it('bounded recursion and output end in template errors', () => {
    assert.doesNotThrow(() => runTemplate('{{ define "t" }}x{{ template "t" . }}{{ end }}{{ template "t" . }}'));
    const set = new TemplateSet({ maxDepth: 50 });
    set.parse('r', '{{ define "t" }}{{ template "t" . }}{{ end }}{{ template "t" . }}');
    assert.throws(
      () => set.execute('r', {}),
      (e: unknown) => e instanceof GoError && /exceeded maximum template depth \(50\)/.test((e as Error).message),
    );
    const big = new TemplateSet({ maxOutputBytes: 1000 });
    big.parse('b', '{{ range .L }}{{ range $.L }}xxxxxxxxxx{{ end }}{{ end }}');
    assert.throws(
      () => big.execute('b', DATA),
      (e: unknown) => e instanceof GoError && /output size limit exceeded/.test((e as Error).message),
    );
  });

  it('sources built from template pieces parse and run, or fail with a template error', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        counts.pieces++;
        runTemplate(pieces.join(''));
      }),
      params,
    );
  });

  it('arbitrary text inside actions fails only with template errors', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), fc.string({ maxLength: 20 }), (inner, outer) => {
        counts.chars++;
        runTemplate(`${outer}{{${inner}}}${outer}`);
      }),
      params,
    );
  });
});
