import assert from 'node:assert/strict';

import { SPRIG_V3_ADDITIONS, sprigFuncs, sprigV2Funcs } from '../src/index.js';

// Expected texts from the real Helm 2.17.0 (Sprig v2.22.0); see engine's fixtures/helm2-oracle.
describe('Sprig v2.22.0 (Helm 2)', () => {
  const { trunc } = sprigV2Funcs() as Record<string, (...args: unknown[]) => unknown>;

  it('trunc keeps the first n bytes; a negative n is Go slicing panicking', () => {
    assert.equal(trunc(3n, 'hello'), 'hel');
    assert.equal(trunc(10n, 'hello'), 'hello');
    assert.equal(trunc(0n, 'hello'), '');
    assert.throws(() => trunc(-3n, 'hello'), { message: 'runtime error: slice bounds out of range [:-3]' });
    assert.throws(() => trunc(-1n, ''), { message: 'runtime error: slice bounds out of range [:-1]' });
  });

  it('integers read a string in base 10 only, as v2.22 toInt64 did (v3: any Go literal)', () => {
    const v2 = sprigV2Funcs() as Record<string, (...args: unknown[]) => unknown>;
    const v3 = sprigFuncs() as Record<string, (...args: unknown[]) => unknown>;
    assert.deepEqual(
      ['0x10', '010', '3.0', '+7'].map((s) => v2.int!(s)),
      [0n, 10n, 0n, 7n],
    );
    assert.deepEqual(
      ['0x10', '010', '3.0', '+7'].map((s) => v3.int!(s)),
      [16n, 8n, 3n, 7n],
    );
    assert.equal(v2.add!('0x10', 1n), 1n);
    assert.equal(v2.max!('0x10', 3n), 3n);
    assert.equal(v2.int!(3.99), 3n);
  });

  it("v3's additions are all functions of this package (the helm2 dialect removes them)", () => {
    const all = sprigFuncs();
    for (const name of SPRIG_V3_ADDITIONS) assert.ok(name in all, name);
    assert.equal(new Set(SPRIG_V3_ADDITIONS).size, SPRIG_V3_ADDITIONS.length);
  });
});
