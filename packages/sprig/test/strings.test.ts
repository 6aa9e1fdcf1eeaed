import assert from 'node:assert/strict';
import { call } from './call.js';

// expected values come from rendering the same calls with the real helm (v4.1.4, Sprig v3.3)
describe('string functions', () => {
  it('camelcase follows xstrings.ToPascalCase, quirks included', () => {
    const cases: [string, string][] = [
      ['http_server', 'HttpServer'],
      ['GOLANG_IS_GREAT', 'GolangIsGreat'],
      ['_complex__case_', '_Complex_Case_'],
      ['some words', 'SomeWords'],
      ['fooBar', 'FooBar'],
      ['FOO_bar', 'FooBar'],
      ['a', 'A'],
      ['__', '___'],
      ['x__y', 'X_Y'],
      ['ABCdef_gHI', 'AbcdefGHI'],
      ['fooBAR_bazQux', 'FooBARBazQux'],
      ['x y  z ', 'XY Z '],
      ['-a-b-', '-AB-'],
      ['_', '__'],
      ['HTTPServer', 'Httpserver'],
      ['x___y', 'X__Y'],
      ['ёлка_ёж', 'ЁлкаЁж'],
    ];
    for (const [input, want] of cases) assert.equal(call('camelcase', input), want, input);
  });

  it('snakecase and kebabcase follow xstrings word splitting', () => {
    const cases: [string, string][] = [
      ['FirstName', 'first_name'],
      ['HTTPServer', 'http_server'],
      ['NoHTTPS', 'no_https'],
      ['GO_PATH', 'go_path'],
      ['GO PATH', 'go_path'],
      ['http2xx', 'http_2xx'],
      ['HTTP20xOK', 'http_20x_ok'],
      ['Duration2m3s', 'duration_2m3s'],
      ['Bld4Floor3rd', 'bld4_floor_3rd'],
      ['a.b', 'a.b'],
      ['fooBar.Baz', 'foo_bar.baz'],
      ['  x', '__x'],
      ['ÀBc', 'à_bc'],
      ['foo__bar', 'foo__bar'],
      ['ID', 'id'],
      ['abc123def', 'abc_123def'],
    ];
    for (const [input, want] of cases) {
      assert.equal(call('snakecase', input), want, input);
      assert.equal(call('kebabcase', input), want.replace(/_/g, '-'), input);
    }
  });

  it('swapcase, untitle, title, initials', () => {
    assert.equal(call('swapcase', 'Hello wORLD ǅx'), 'hELLO World ǆX');
    assert.equal(call('untitle', 'Hello World  FOO'), 'hello world  fOO');
    assert.equal(call('title', 'hello wORLD foo-bar x_y ñandú'), 'Hello WORLD Foo-Bar X_y Ñandú');
    assert.equal(call('initials', 'John  doe'), 'Jd');
  });

  it('nospace works on bytes like goutils (mangles non-ASCII once something is removed)', () => {
    assert.equal(call('nospace', ' a b\tc\n é à'), 'abcÃ©Ã');
    assert.equal(call('nospace', 'héllo'), 'héllo');
  });

  it('abbrev, abbrevboth, trunc (negative keeps the tail)', () => {
    assert.equal(call('abbrev', 5n, 'hello world'), 'he...');
    assert.equal(call('abbrev', 3n, 'hello world'), 'hello world');
    assert.equal(call('abbrevboth', 5n, 10n, '1234 5678 9123'), '...5678...');
    assert.equal(call('abbrevboth', 0n, 5n, 'hello world'), 'he...');
    assert.equal(call('trunc', -3n, 'hello'), 'llo');
    assert.equal(call('trunc', -10n, 'hello'), 'hello');
    assert.equal(call('trunc', 2n, 'hello'), 'he');
  });

  it('wrap and wrapWith', () => {
    assert.equal(call('wrap', 5n, 'Hello World foo barbazqux x'), 'Hello\nWorld\nfoo\nbarbazqux\nx');
    assert.equal(call('wrapWith', 5n, '\t', 'Hello World'), 'Hello\tWorld');
    assert.equal(call('wrapWith', 3n, '|', 'abcdefgh ij'), 'abc|def|gh|ij');
  });

  it('substr panics like Go slicing', () => {
    assert.equal(call('substr', 1n, 3n, 'hello'), 'el');
    assert.equal(call('substr', -1n, 2n, 'hello'), 'he');
    assert.equal(call('substr', 2n, -1n, 'hello'), 'llo');
    assert.equal(call('substr', 2n, 99n, 'hello'), 'llo');
    assert.throws(() => call('substr', 4n, 2n, 'hello'), /runtime error: slice bounds out of range \[4:2\]/);
    assert.throws(() => call('substr', -1n, 9n, 'hello'), /slice bounds out of range \[:9\] with length 5/);
    assert.throws(() => call('substr', 9n, 12n, 'hello'), /slice bounds out of range \[9:5\]/);
  });

  it('quote, squote, cat: nil dropped, non-strings through fmt', () => {
    assert.equal(call('quote', 1n, null, 'a"b', 2.5, true), '"1" "a\\"b" "2.5" "true"');
    assert.equal(call('quote', 'é\u00a0\x01\u2028'), '"é\\u00a0\\x01\\u2028"');
    assert.equal(call('squote', 1n, null, 'a'), "'1' 'a'");
    assert.equal(call('cat', 1n, null, 'a', [1n, 2n]), '1 a [1 2]');
    assert.equal(call('quote', 1000000), '"1e+06"');
  });

  it('split, splitn, splitList, join, sortAlpha, toStrings', () => {
    assert.deepEqual(call('split', ',', 'a,b,c'), { _0: 'a', _1: 'b', _2: 'c' });
    assert.deepEqual(call('splitn', ',', 2n, 'a,b,c'), { _0: 'a', _1: 'b,c' });
    assert.deepEqual(call('splitList', ',', 'a,,b'), ['a', '', 'b']);
    assert.equal(call('join', ',', [1n, null, 'a', 2.5]), '1,a,2.5');
    assert.equal(call('join', ',', 'abc'), 'abc');
    assert.equal(call('join', ',', null), '');
    assert.deepEqual(call('sortAlpha', ['b', 1n, 'a', null, 2.5]), ['1', '2.5', 'a', 'b']);
    assert.deepEqual(call('sortAlpha', null), ['<nil>']);
    assert.deepEqual(call('toStrings', [1n, null, true]), ['1', 'true']);
  });

  it('repeat, replace, trimAll, trim, plural, indent', () => {
    assert.equal(call('repeat', 3n, 'ab'), 'ababab');
    assert.throws(() => call('repeat', -1n, 'x'), /strings: negative Repeat count/);
    assert.equal(call('replace', '', '-', 'ab'), '-a-b-');
    assert.equal(call('trimAll', '$-', '$-a$b-$'), 'a$b');
    assert.equal(call('trim', ' \u00a0a\ufeff '), 'a\ufeff');
    assert.equal(call('plural', 'one', 'many', 1n), 'one');
    assert.equal(call('nindent', 2n, 'a\nb'), '\n  a\n  b');
    assert.equal(call('trimSuffix', '-', 'a-'), 'a');
    assert.equal(call('trimPrefix', 'a', 'aab'), 'ab');
  });

  it('indent and nindent give the same text on repeated calls, whatever the width, across the memo bound', () => {
    const labels = 'app: web\ntier: "backend"\n';
    for (let round = 0; round < 3; round++) {
      for (const width of [0n, 2n, 4n, 8n, -3n]) {
        const pad = ' '.repeat(Math.max(Number(width), 0));
        const want = pad + labels.replaceAll('\n', '\n' + pad);
        assert.equal(call('indent', width, labels), want);
        assert.equal(call('nindent', width, labels), '\n' + want);
      }
    }
    // more texts than the memo keeps: it starts over and every answer stays right
    for (let i = 0; i < 1500; i++) assert.equal(call('nindent', 2n, `k${i}: v\nx: ${i}`), `\n  k${i}: v\n  x: ${i}`);
    assert.equal(call('indent', 3n, labels), '   app: web\n   tier: "backend"\n   ');
    const long = 'line\n'.repeat(5000);
    assert.equal(call('nindent', 1n, long), '\n' + ' line\n'.repeat(5000) + ' ');
  });

  it('toString uses fmt %v (floats in shortest %g form) and Stringers', () => {
    assert.equal(call('toString', 1000000), '1e+06');
    assert.equal(call('toString', 100000), '100000');
    assert.equal(call('toString', 0.00001), '1e-05');
    assert.equal(call('toString', 1.5), '1.5');
    assert.equal(call('toString', 3n), '3');
    assert.equal(call('toString', null), '<nil>');
    assert.equal(call('toString', { b: 1n, a: [true] }), 'map[a:[true] b:1]');
    assert.equal(call('toString', new Uint8Array([104, 105])), 'hi');
    assert.equal(call('toString', call('semver', 'v1.2.3')), '1.2.3');
  });

  it('rejects arguments of the wrong Go type', () => {
    assert.throws(() => call('upper', 3), /wrong type for value; expected string; got float64/);
    assert.throws(() => call('repeat', 3, 'x'), /expected int; got float64/);
  });

  it('random strings have the requested alphabet and length', () => {
    assert.match(call('randAlphaNum', 20n) as string, /^[A-Za-z0-9]{20}$/);
    assert.match(call('randAlpha', 20n) as string, /^[A-Za-z]{20}$/);
    assert.match(call('randNumeric', 20n) as string, /^[0-9]{20}$/);
    assert.match(call('randAscii', 20n) as string, /^[ -~]{20}$/);
    assert.equal(call('randAlpha', -1n), '');
    assert.equal([...(call('shuffle', 'aabbc') as string)].sort().join(''), 'aabbc');
  });
});
