import assert from 'node:assert/strict';
import { call } from './call.js';

describe('list functions', () => {
  it('behave as Sprig v3 (results from the real helm)', () => {
    assert.deepEqual(call('slice', [1n, 2n, 3n], 1n), [2n, 3n]);
    assert.equal(call('slice', []), null);
    assert.deepEqual(call('slice', [1n, 2n, 3n], '1', 2.9), [2n]);
    assert.deepEqual(call('chunk', 2n, [1n, 2n, 3n, 4n, 5n]), [[1n, 2n], [3n, 4n], [5n]]);
    assert.deepEqual(call('chunk', 2n, []), []);
    assert.deepEqual(call('uniq', [1n, 1, '1', 1n, [1n], [1n]]), [1n, 1, '1', [1n]]);
    assert.deepEqual(call('without', [1n, 2n, 3n, 1n], 1n, 3n), [2n]);
    assert.deepEqual(call('compact', [0n, 1n, '', null, false, [], 'a']), [1n, 'a']);
    assert.deepEqual(call('rest', []), []);
    assert.deepEqual(call('initial', [1n, 2n, 3n]), [1n, 2n]);
    assert.equal(call('last', []), null);
    assert.deepEqual(call('reverse', [1n, 2n, 3n]), [3n, 2n, 1n]);
    assert.deepEqual(call('prepend', [1n], 0n), [0n, 1n]);
    assert.deepEqual(call('append', [1n], 2n), [1n, 2n]);
    assert.deepEqual(call('concat', [1n], [2n, 3n]), [1n, 2n, 3n]);
    assert.equal(call('has', 1n, null), false);
    assert.equal(call('has', 1n, [1, 1n]), true);
    assert.equal(call('has', 2n, [1, 2]), false);
  });

  it('errors as Go reports them', () => {
    assert.throws(() => call('first', null), {
      message: 'runtime error: invalid memory address or nil pointer dereference',
    });
    assert.throws(() => call('first', 'abc'), { message: 'Cannot find first on type string' });
    assert.throws(() => call('mustFirst', 3n), { message: 'Cannot find first on type int' });
    assert.throws(() => call('concat', [1n], 'x'), { message: 'Cannot concat type string as list' });
    assert.throws(() => call('slice', [1n, 2n, 3n], 2n, 1n), {
      message: 'reflect.Value.Slice: slice index out of bounds',
    });
    assert.throws(() => call('slice', 'abc', 1n), { message: 'list should be type of slice or array but string' });
    assert.throws(() => call('has', 1n, 'x'), { message: 'Cannot find has on type string' });
    assert.throws(() => call('chunk', 0n, [1n, 2n]), { message: 'runtime error: makeslice: len out of range' });
  });
});

describe('dict functions', () => {
  it('dict, get, set, unset, hasKey, pluck, pick, omit, keys, values, dig', () => {
    assert.deepEqual(call('dict', 'a', 1n, 'b'), { a: 1n, b: '' });
    assert.deepEqual(call('dict', 1n, 2n, null, 3n), { '1': 2n, '<nil>': 3n });
    assert.equal(call('get', { a: 1n }, 'z'), '');
    const d: Record<string, unknown> = { a: 1n };
    assert.equal(call('set', d, 'b', 2n), d);
    assert.deepEqual(d, { a: 1n, b: 2n });
    call('unset', d, 'a');
    assert.equal(call('hasKey', d, 'a'), false);
    assert.deepEqual(call('pluck', 'a', { a: 1n }, { b: 2n }, { a: 3n }), [1n, 3n]);
    assert.deepEqual(call('pick', { a: 1n, b: 2n }, 'a', 'z'), { a: 1n });
    assert.deepEqual(call('omit', { a: 1n, b: 2n }, 'a'), { b: 2n });
    assert.deepEqual(call('keys', { b: 1n, a: 2n }, { c: 1n }), ['a', 'b', 'c']);
    assert.deepEqual(call('values', { b: 1n, a: 2n }), [2n, 1n]);
    assert.equal(call('dig', 'a', 'b', 'def', { a: { b: 'x' } }), 'x');
    assert.equal(call('dig', 'a', 'z', 'def', { a: { b: 'x' } }), 'def');
    assert.throws(
      () => call('dig', 'a', 'b', 'def', { a: 'str' }),
      /interface conversion: interface \{\} is string, not map\[string\]interface \{\}/,
    );
    assert.throws(() => call('dig', 'a', {}), { message: 'dig needs at least three arguments' });
  });

  it('merge and mergeOverwrite follow mergo (dst falsy values replaced, nils, shared values)', () => {
    const dst = () => ({ a: false, b: 0n, c: '', d: { x: 1n }, e: [1n], f: 'keep', g: {}, h: null, i: [] });
    const src = {
      a: true,
      b: 5n,
      c: 'new',
      d: { y: 2n, x: 9n },
      e: [2n],
      f: { z: 1n },
      g: 'str',
      h: 7n,
      i: [3n],
      j: null,
      k: {},
    };
    assert.equal(
      call('toJson', call('merge', dst(), src)),
      '{"a":true,"b":5,"c":"new","d":{"x":1,"y":2},"e":[1],"f":"keep","g":"str","h":7,"i":[3],"k":{}}',
    );
    assert.equal(
      call('toJson', call('mergeOverwrite', dst(), src)),
      '{"a":true,"b":5,"c":"new","d":{"x":9,"y":2},"e":[2],"f":{"z":1},"g":"str","h":7,"i":[3],"j":null,"k":{}}',
    );
    assert.equal(
      call(
        'toJson',
        call('mergeOverwrite', { a: 1n, b: true, c: 'x', d: { q: 1n } }, { a: 0n, b: false, c: '', d: null }),
      ),
      '{"a":0,"b":false,"c":"","d":null}',
    );
    const x = { a: { b: 1n } };
    const y = call('merge', {}, x) as { a: Record<string, unknown> };
    y.a.c = 2n;
    assert.deepEqual(x, { a: { b: 1n, c: 2n } });
  });

  it('deepCopy copies', () => {
    const v = { a: [1n, { b: 2 }] };
    const c = call('deepCopy', v) as typeof v;
    assert.deepEqual(c, v);
    assert.notEqual(c.a, v.a);
    // nil: the real Helm v4.1.4 (and Helm 2.17) fail with reflect's panic
    for (const name of ['deepCopy', 'mustDeepCopy'])
      assert.throws(() => call(name, null), { message: 'reflect: call of reflect.Value.Type on zero Value' });
  });
});

describe('defaults, flow, reflection', () => {
  it('default and empty use Sprig emptiness', () => {
    for (const given of [0n, false, '', [], 0, {}, null]) assert.equal(call('default', 'd', given), 'd');
    assert.equal(call('default', 'd', 'x'), 'x');
    assert.equal(call('default', 'd'), 'd');
    assert.equal(call('empty', {}), true);
    assert.equal(call('empty', call('semver', '1.0.0')), false);
    assert.equal(call('coalesce', 0n, '', null, 'x'), 'x');
    assert.equal(call('coalesce', 0n), null);
    assert.equal(call('all', 1n, 'a'), true);
    assert.equal(call('all', 1n, ''), false);
    assert.equal(call('any', 0n, ''), false);
    assert.equal(call('ternary', 'a', 'b', true), 'a');
    assert.equal(call('ternary', 'a', 'b', false), 'b');
    assert.throws(() => call('fail', 'boom'), { message: 'boom' });
  });

  it('typeOf, kindOf, typeIs, deepEqual', () => {
    assert.equal(call('typeOf', 1n), 'int');
    assert.equal(call('typeOf', 1.5), 'float64');
    assert.equal(call('typeOf', []), '[]interface {}');
    assert.equal(call('typeOf', {}), 'map[string]interface {}');
    assert.equal(call('typeOf', null), '<nil>');
    assert.equal(call('kindOf', null), 'invalid');
    assert.equal(call('kindOf', {}), 'map');
    assert.equal(call('kindOf', []), 'slice');
    assert.equal(call('kindOf', 1n), 'int');
    assert.equal(call('kindIs', 'float64', 1.5), true);
    assert.equal(call('typeIsLike', 'semver.Version', call('semver', '1.0.0')), true);
    assert.equal(call('deepEqual', [1n, { a: 1n }], [1n, { a: 1n }]), true);
    assert.equal(call('deepEqual', 1n, 1), false);
  });
});

describe('json', () => {
  it('toPrettyJson/toRawJson/mustToJson print as encoding/json', () => {
    assert.equal(call('toPrettyJson', [1n, 2n]), '[\n  1,\n  2\n]');
    assert.equal(
      call('toPrettyJson', { a: '<x>', b: [], c: {} }),
      '{\n  "a": "\\u003cx\\u003e",\n  "b": [],\n  "c": {}\n}',
    );
    assert.equal(
      call('toRawJson', { a: '<&>', b: 1.5e-7, c: 1e21, d: 100000000 }),
      '{"a":"<&>","b":1.5e-7,"c":1e+21,"d":100000000}',
    );
    assert.equal(call('mustToJson', { k: '\u2028\b\f\u0001' }), '{"k":"\\u2028\\b\\f\\u0001"}');
    assert.equal(call('toJson', NaN), '');
    assert.throws(() => call('mustToJson', NaN), { message: 'json: unsupported value: NaN' });
    assert.equal(call('toString', call('fromJson', '{"a":1,"b":[true,null]}')), 'map[a:1 b:[true <nil>]]');
    assert.equal(call('fromJson', 'bad'), null);
    assert.throws(() => call('mustFromJson', 'bad'), {
      message: "invalid character 'b' looking for beginning of value",
    });
  });
});

describe('paths and urls', () => {
  it('path functions are Go path', () => {
    assert.equal(call('base', '/a/b.txt/'), 'b.txt');
    assert.equal(call('dir', 'a/b/'), 'a/b');
    assert.equal(call('clean', 'a/../../b//c/.'), '../b/c');
    assert.equal(call('ext', 'a.b/c'), '');
    assert.equal(call('isAbs', '/x'), true);
    assert.equal(call('osBase', ''), '.');
  });

  it('urlParse and urlJoin', () => {
    assert.equal(
      call('urlJoin', { scheme: 'http', host: 'h:80', path: 'a/b', query: 'q=1', fragment: 'f g' }),
      'http://h:80/a/b?q=1#f%20g',
    );
    assert.equal(
      call('toString', call('urlParse', 'mailto:joe@x.com')),
      'map[fragment: host: hostname: opaque:joe@x.com path: query: scheme:mailto userinfo:]',
    );
    assert.deepEqual(call('urlParse', 'https://u:p@host:8080/a%20b?x=1#frag'), {
      scheme: 'https',
      host: 'host:8080',
      hostname: 'host',
      path: '/a b',
      query: 'x=1',
      opaque: '',
      fragment: 'frag',
      userinfo: 'u:p',
    });
  });
});
