import assert from 'node:assert/strict';

import { formatAge } from '../src/age.js';

describe('formatAge', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  it('prints ages as kubectl does', () => {
    assert.equal(formatAge(45 * s), '45s');
    assert.equal(formatAge(3 * m + 12 * s), '3m12s');
    assert.equal(formatAge(25 * m), '25m');
    assert.equal(formatAge(5 * h), '5h');
    assert.equal(formatAge(5 * h + 30 * m), '5h30m');
    assert.equal(formatAge(30 * h), '30h');
    assert.equal(formatAge(2 * d + 4 * h), '2d4h');
    assert.equal(formatAge(40 * d), '40d');
  });
  it('never prints a negative age (clock skew)', () => {
    assert.equal(formatAge(-5 * s), '0s');
  });
});
