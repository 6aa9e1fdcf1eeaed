import assert from 'node:assert/strict';
import { sprigFuncs } from '../src/index.js';
import { eagerSprigFuncs, LAZY_SPRIG_GROUPS } from '../src/lazy.js';

describe('@helmts/sprig/lazy', () => {
  it('eager functions plus every lazy group are exactly sprigFuncs(), no name twice', async () => {
    const all = sprigFuncs();
    const eager = eagerSprigFuncs();
    const seen = new Set(Object.keys(eager));
    for (const group of LAZY_SPRIG_GROUPS) {
      const loaded = await group.load();
      assert.deepEqual(Object.keys(loaded).sort(), [...group.names].sort(), 'a group lists exactly its functions');
      for (const name of group.names) {
        assert.ok(!seen.has(name), `${name} is in two groups`);
        seen.add(name);
      }
    }
    assert.deepEqual([...seen].sort(), Object.keys(all).sort());
    for (const [name, fn] of Object.entries(eager)) {
      assert.deepEqual(fn.goArity, all[name]!.goArity, name);
      assert.equal(fn.toString(), all[name]!.toString(), name);
    }
  });
});
