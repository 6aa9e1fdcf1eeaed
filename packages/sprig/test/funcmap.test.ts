import assert from 'node:assert/strict';
import { sprigFuncs } from '../src/index.js';

describe('sprigFuncs', () => {
  it('returns a fresh map with Go signatures on every function', () => {
    const a = sprigFuncs();
    const b = sprigFuncs();
    assert.notEqual(a, b);
    assert.equal(a.env, undefined);
    assert.equal(a.expandenv, undefined);
    for (const [name, fn] of Object.entries(a)) {
      assert.ok(fn.goArity, `${name} has goArity`);
      assert.equal(fn.goParamTypes!.length, fn.goArity!.params + (fn.goArity!.variadic ? 1 : 0), name);
    }
    assert.deepEqual(a.substr!.goArity, { params: 3, variadic: false, types: ['int', 'int', 'string'] });
    assert.deepEqual(a.default!.goArity, { params: 1, variadic: true, types: ['interface {}', 'interface {}'] });
    // types the evaluator does not know are left to the function
    assert.deepEqual(a.unixEpoch!.goArity!.types, ['interface {}']);
    assert.deepEqual(a.default!.goParamTypes, ['interface {}', '...interface {}']);
    assert.ok(Object.keys(a).length >= 200);
  });
});
