import assert from 'node:assert/strict';
import {
  TemplateSet,
  defineGoFunc,
  TemplateExecError,
  TemplateParseError,
  GoError,
  sprintf,
  sprint,
  sprintln,
  formatValue,
} from '../src/index.js';

function run(text: string, data: unknown = {}, opts: ConstructorParameters<typeof TemplateSet>[0] = {}): string {
  const set = new TemplateSet(opts);
  set.parse('t', text);
  return set.execute('t', data);
}
function fails(text: string, data: unknown = {}, opts: ConstructorParameters<typeof TemplateSet>[0] = {}): string {
  try {
    run(text, data, opts);
  } catch (e) {
    assert.ok(e instanceof GoError);
    return e.message;
  }
  assert.fail('expected an error');
}

class Files {
  static goTypeName = 'chartutil.Files';
  constructor(private readonly files: Record<string, string>) {}
  Get(name: string): string {
    return this.files[name] ?? '';
  }
}
class APIVersions {
  constructor(private readonly list: string[]) {}
  Has(v: string): boolean {
    return this.list.includes(v);
  }
}
class Release {
  Name = 'rel';
  Time: unknown = null;
}

describe('missingkey', () => {
  it('default: missing keys print <no value>, chains through them yield nothing', () => {
    assert.equal(run('{{ .a }}|{{ .a.b.c }}', {}), '<no value>|<no value>');
  });
  it('zero: a chain through a missing key is a nil pointer error', () => {
    assert.match(fails('{{ .a.b }}', {}, { missingKey: 'zero' }), /nil pointer evaluating interface \{\}\.b$/);
  });
  it('error: missing keys are errors', () => {
    assert.equal(
      fails('{{ .a }}', {}, { missingKey: 'error' }),
      'template: t:1:3: executing "t" at <.a>: map has no entry for key "a"',
    );
  });
});

describe('methods and fields of objects', () => {
  const data = {
    Files: new Files({ 'a.txt': 'A!' }),
    Capabilities: { APIVersions: new APIVersions(['v1']) },
    Release: new Release(),
  };
  it('calls function-valued properties with arguments', () => {
    assert.equal(
      run(
        '{{ .Files.Get "a.txt" }} {{ .Capabilities.APIVersions.Has "v1" }} {{ .Capabilities.APIVersions.Has "v2" }}',
        data,
      ),
      'A! true false',
    );
  });
  it('reports unknown fields with the Go type name', () => {
    assert.equal(
      fails('{{ $f := .Files }}{{ $f.Nope }}', data),
      'template: t:1:23: executing "t" at <$f.Nope>: can\'t evaluate field Nope in type chartutil.Files',
    );
    // reached through a map, Go only knows the static type interface {}
    assert.match(fails('{{ .Files.Nope }}', data), /can't evaluate field Nope in type interface \{\}$/);
  });
  it('nil struct field chain errors like Go', () => {
    assert.match(fails('{{ .Release.Time.Seconds }}', data), /nil pointer evaluating interface \{\}\.Seconds$/);
  });
  it('a field given arguments is an error', () => {
    assert.match(fails('{{ .Release.Name 1 }}', data), /Name has arguments but cannot be invoked as function$/);
  });
});

describe('functions', () => {
  it('must be known at parse time', () => {
    assert.equal(fails('{{ nope 1 }}'), 'template: t:1: function "nope" not defined');
  });
  it('errors carry the call site', () => {
    const set = new TemplateSet({
      funcs: {
        required: (msg: unknown, v: unknown) => {
          if (v == null) throw new Error(String(msg));
          return v;
        },
      },
    });
    set.parse('x.yaml', 'a: 1\nb: {{ required "need b" .b }}\n');
    assert.throws(
      () => set.execute('x.yaml', {}),
      (e: unknown) => {
        assert.ok(e instanceof TemplateExecError);
        assert.equal(
          e.message,
          'template: x.yaml:2:6: executing "x.yaml" at <required "need b" .b>: error calling required: need b',
        );
        assert.equal(e.line, 2);
        assert.equal(e.col, 6);
        assert.equal(e.detail, 'error calling required: need b');
        return true;
      },
    );
  });
  it('declared arity is checked', () => {
    const one = defineGoFunc((a: unknown) => a, { params: 1 });
    const atLeastOne = defineGoFunc((...a: unknown[]) => a.length, { params: 1, variadic: true });
    const funcs = { one, atLeastOne };
    assert.match(fails('{{ one 1 2 }}', {}, { funcs }), /wrong number of args for one: want 1 got 2$/);
    assert.match(
      fails('{{ atLeastOne }}', {}, { funcs }),
      /wrong number of args for atLeastOne: want at least 1 got 0$/,
    );
    assert.equal(run('{{ 1 | one }} {{ atLeastOne 1 2 3 }}', {}, { funcs }), '1 3');
  });
  it('declared parameter types convert constants and reject wrong values as Go does', () => {
    const upper = defineGoFunc((s: string) => s.toUpperCase(), { params: 1, types: ['string'] });
    const half = defineGoFunc((f: number) => f / 2, { params: 1, types: ['float64'] });
    const funcs = { upper, half };
    assert.equal(run('{{ upper "a" }} {{ half 3 }}', {}, { funcs }), 'A 1.5');
    assert.match(fails('{{ upper 3 }}', {}, { funcs }), /expected string; found 3$/);
    assert.match(fails('{{ upper .n }}', { n: 1.5 }, { funcs }), /wrong type for value; expected string; got float64$/);
    assert.match(
      fails('{{ upper .m }}', {}, { funcs, missingKey: 'zero' }),
      /wrong type for value; expected string; got interface \{\}$/,
    );
    assert.match(fails('{{ .m | upper }}', {}, { funcs, missingKey: 'zero' }), /invalid value; expected string$/);
  });
  it('receives bigint for integer constants and number for floats; nil as null', () => {
    const seen: unknown[] = [];
    const f = (...a: unknown[]) => {
      seen.push(...a);
      return '';
    };
    run('{{ f 1 1.0 "s" nil .missing true }}', {}, { funcs: { f } });
    assert.deepEqual(seen, [1n, 1, 's', null, null, true]);
  });
  it('call invokes function values', () => {
    assert.equal(run('{{ call .f 2 }}', { f: (x: bigint) => x * 2n }), '4');
    assert.match(fails('{{ call .x }}', { x: 1n }), /error calling call: non-function \.x of type int$/);
  });
});

describe('control flow and variables', () => {
  it('and/or short-circuit and return the deciding operand', () => {
    let calls = 0;
    const boom = () => {
      calls++;
      return 'x';
    };
    assert.equal(
      run('{{ and 0 boom }}|{{ or 1 boom }}|{{ or 0 "" }}|{{ and 1 "v" }}', {}, { funcs: { boom } }),
      '0|1||v',
    );
    assert.equal(calls, 0);
  });
  it('variable scoping: := inside blocks ends at end, = assigns outer', () => {
    assert.equal(
      run('{{ $x := 1 }}{{ range .l }}{{ $x = . }}{{ $y := 0 }}{{ end }}{{ $x }}', { l: [1n, 2n, 3n] }),
      '3',
    );
    assert.throws(() => run('{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}'), TemplateParseError);
  });
  it('$ is the root inside range and templates', () => {
    const set = new TemplateSet();
    set.parse('t', '{{ define "d" }}{{ $.v }}{{ end }}{{ range .l }}{{ $.v }}{{ template "d" $ }}{{ end }}');
    assert.equal(set.execute('t', { v: 'V', l: [1n, 2n] }), 'VVVV');
  });
  it('break and continue', () => {
    assert.equal(
      run(
        '{{ range $i := 10 }}{{ if eq $i 2 }}{{ continue }}{{ end }}{{ if eq $i 4 }}{{ break }}{{ end }}{{ $i }}{{ end }}',
      ),
      '013',
    );
  });
  it('maps range in sorted key order', () => {
    assert.equal(run('{{ range $k, $v := . }}{{ $k }}{{ $v }}{{ end }}', { b: 2n, a: 1n, c: 3n }), 'a1b2c3');
  });
  it('chained field access on a parenthesised result', () => {
    assert.equal(run('{{ (index .a 0).b }}', { a: [{ b: 'B' }] }), 'B');
  });
});

describe('definitions', () => {
  it('later non-empty definitions replace earlier ones; empty ones do not', () => {
    const set = new TemplateSet();
    set.parse('a', '{{ define "x" }}one{{ end }}');
    set.parse('b', '{{ define "x" }}two{{ end }}');
    set.parse('c', '{{ define "x" }}  {{ end }}');
    set.parse('main', '{{ template "x" }}');
    assert.equal(set.execute('main', null), 'two');
  });
  it('redefinition within one file is a parse error', () => {
    assert.throws(() => new TemplateSet().parse('f', '{{ define "x" }}1{{ end }}{{ define "x" }}2{{ end }}'), {
      message: 'template: f:1: template: multiple definition of template "x"',
    });
  });
  it('block defines and executes', () => {
    assert.equal(run('{{ block "b" . }}[{{ . }}]{{ end }}', 'd'), '[d]');
  });
  it('errors inside a define name the define and the file location', () => {
    const set = new TemplateSet();
    set.parse('_h.tpl', '{{ define "h" }}\n  {{ .x.y }}{{ end }}');
    set.parse('main.yaml', '{{ template "h" . }}');
    assert.throws(() => set.execute('main.yaml', { x: 1n }), {
      message: 'template: _h.tpl:2:7: executing "h" at <.x.y>: can\'t evaluate field y in type interface {}',
    });
  });
});

describe('limits', () => {
  it('bounded template recursion', () => {
    assert.match(
      fails('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', {}, { maxDepth: 50 }),
      /exceeded maximum template depth \(50\)$/,
    );
  });
  it('output cap', () => {
    assert.match(
      fails('{{ range 100 }}xxxxxxxxxx{{ end }}', {}, { maxOutputBytes: 500 }),
      /output size limit exceeded \(500\)$/,
    );
  });
  it('range iteration cap', () => {
    assert.match(
      fails('{{ range 1000000 }}{{ end }}', {}, { maxRangeIterations: 1000 }),
      /range iteration limit exceeded \(1000\)$/,
    );
  });
});

describe('parse errors', () => {
  const cases: [string, string][] = [
    ['{{ 3 }', 'template: t:1: unexpected "}" in operand'],
    ['a\n{{ if .x }}', 'template: t:2: unexpected EOF'],
    ['{{ .x | 3 }}', 'template: t:1: non executable command in pipeline stage 2'],
    ['{{ /* x */ }}', 'template: t:1: unexpected "/" in command'],
    ['{{ }}', 'template: t:1: missing value for command'],
    ['{{ ( }}', 'template: t:1: unclosed left paren'],
    ['{{ ) }}', 'template: t:1: unexpected right paren'],
    ['{{ "a }}', 'template: t:1: unterminated quoted string'],
    ["{{ 'ab' }}", 'template: t:1: invalid syntax'],
    ['{{ 3x }}', 'template: t:1: bad number syntax: "3x"'],
    ['{{/* x */ 1 }}', 'template: t:1: comment ends before closing delimiter'],
    ['{{ continue }}', 'template: t:1: {{continue}} outside {{range}}'],
  ];
  for (const [text, msg] of cases) {
    it(JSON.stringify(text), () => assert.throws(() => new TemplateSet().parse('t', text), { message: msg }));
  }
});

describe('lexing corners', () => {
  it('trim markers, comments, raw strings, char constants and numbers', () => {
    assert.equal(run('a \n {{- 1 -}} \n b{{/* c */}}{{- /* d */ -}} c'), 'a1bc');
    assert.equal(
      run("{{ `raw\\n` }}{{ 'a' }} {{ 0x10 }} {{ 1_000 }} {{ 0o10 }} {{ 0b11 }} {{ 1e3 }}"),
      'raw\\n97 16 1000 8 3 1000',
    );
    assert.equal(run('{{-3}}{{ 3 -}} x'), '-33x');
  });
});

describe('fmt', () => {
  it('Sprint spacing rules', () => {
    assert.equal(sprint(1n, 2n, 'a', 3n, 'b', 'c'), '1 2a3bc');
    assert.equal(sprintln(1n, 'a'), '1 a\n');
  });
  it('%v of values', () => {
    assert.equal(formatValue({ b: [1, 'x', null], a: { c: true } }), 'map[a:map[c:true] b:[1 x <nil>]]');
    assert.equal(formatValue(null), '<nil>');
    assert.equal(formatValue(1e6), '1e+06');
    assert.equal(formatValue(100000), '100000');
    assert.equal(formatValue(0.0001), '0.0001');
    assert.equal(formatValue(0.00001), '1e-05');
    assert.equal(formatValue(123456789n), '123456789');
    assert.equal(formatValue(new Uint8Array([104, 105])), '[104 105]');
    assert.equal(sprintf('%s', new Uint8Array([104, 105])), 'hi');
  });
  it('bad verbs, missing and extra operands', () => {
    assert.equal(sprintf('%d', 'x'), '%!d(string=x)');
    assert.equal(sprintf('%s'), '%!s(MISSING)');
    assert.equal(sprintf('%d', 1n, 'a', null), '1%!(EXTRA string=a, <nil>)');
    assert.equal(sprintf('%d', 8080), '%!d(float64=8080)');
    assert.equal(sprintf('%'), '%!(NOVERB)');
  });
  it('widths, precision and flags', () => {
    assert.equal(
      sprintf(
        '%05d|%-5d|%+d|% d|%x|%#x|%#o|%08.3f|%.2s|%5.1f|%-8q|',
        -42n,
        7n,
        3n,
        3n,
        -255n,
        255n,
        8n,
        -3.14159,
        'abc',
        2.25,
        'a',
      ),
      '-0042|7    |+3| 3|-ff|0xff|010|-003.142|ab|  2.2|"a"     |',
    );
    assert.equal(
      sprintf('%.2f %.0f %.0f %e %g %G', 2.675, 2.5, 3.5, 1234.5678, 1e21, 1e-7),
      '2.67 2 4 1.234568e+03 1e+21 1E-07',
    );
    assert.equal(sprintf('%*d|%.*f', 5n, 1n, 2n, 3.14159), '    1|3.14');
    assert.equal(sprintf('%[2]d %[1]d', 1n, 2n), '2 1');
  });
});
