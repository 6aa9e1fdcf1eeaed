import assert from 'node:assert/strict';

import { toToml } from '../src/gotpl/toml-encoder.js';

// Expected texts are what the real Helm v4.1.4 (BurntSushi/toml v1) printed for
//   toToml (dict "a" 1 "q" (dict "r" 1) "t" (dict "u" (dict "v" 1) "w" (dict "z" 2)) ...)
// Helm 2.17's (v0.3.1) are checked by dialects.test.ts against fixtures/helm2-oracle/toml-v031.
describe('toToml (BurntSushi/toml v1, Helm 4)', () => {
  it('tables, arrays of tables, floats as %g, strings escaped', () => {
    const value = {
      a: 1n,
      q: { r: 1n },
      t: { u: { v: 1n }, w: { z: 2n } },
      arr: [{ a: { b: 1n } }, { a: 2n }],
      f: [1e21, 1e-7, 0.1, 123456789, 100000, -0.5, 1000000],
      s: 'a\\b"c\u0001d',
      'k y': 1n,
      nn: [NaN, Infinity],
      mixed: [1n, 'x', 1.5],
    };
    assert.equal(
      toToml(value),
      'a = 1\nf = [1e+21, 1e-07, 0.1, 1.23456789e+08, 100000.0, -0.5, 1e+06]\n"k y" = 1\nmixed = [1, "x", 1.5]\n' +
        'nn = [nan, inf]\ns = "a\\\\b\\"c\\u0001d"\n\n[[arr]]\n  [arr.a]\n    b = 1\n\n[[arr]]\n  a = 2\n\n[q]\n  r = 1\n\n' +
        '[t]\n  [t.u]\n    v = 1\n  [t.w]\n    z = 2\n',
    );
  });

  it('an array with a nil element is refused in the words of both versions', () => {
    for (const version of ['v1', 'v0.3.1'] as const)
      assert.throws(() => toToml({ a: [1n, null] }, version), {
        message: 'toml: cannot encode array with nil element',
      });
  });

  it('v0.3.1 refuses mixed arrays and empty keys, and writes floats in full', () => {
    assert.throws(() => toToml({ a: [1n, 1.5] }, 'v0.3.1'), {
      message: 'toml: cannot encode array with mixed element types',
    });
    assert.throws(() => toToml({ d: { '': 1n } }, 'v0.3.1'), {
      message: "toml: Key 'd.' is not a valid table name. Key names cannot be empty.",
    });
    assert.equal(
      toToml({ f: [1e21, 1e-7, -0, NaN] }, 'v0.3.1'),
      'f = [1000000000000000000000.0, 0.0000001, -0.0, NaN.0]\n',
    );
  });
});
