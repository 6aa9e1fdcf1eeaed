import assert from 'node:assert/strict';
import { call } from './call.js';

describe('math functions', () => {
  it('integer math converts with cast.ToInt64 (base-0 strings, truncated floats)', () => {
    assert.equal(call('add', '010', '0x10', '3.0', '3.5'), 27n);
    assert.equal(call('add', 1.9, -1.9), 0n);
    assert.equal(call('add', 1.5, 2.6), 3n);
    assert.equal(call('add', true, 1n), 2n);
    assert.equal(call('add', null, 1n), 1n);
    assert.equal(call('int', '3.7'), 0n);
    assert.equal(call('int64', '1e3'), 0n);
    assert.equal(call('int', ' 5'), 0n);
    assert.equal(call('int', '1_000'), 1000n);
    assert.equal(call('int', '+5'), 5n);
    assert.equal(call('int', '0b101'), 5n);
    assert.equal(call('int', '1.0'), 1n);
    assert.equal(call('int', '1.50'), 0n);
    assert.equal(call('float64', '0x10'), 0);
    assert.equal(call('float64', 'abc'), 0);
    assert.equal(call('float64', '1e3'), 1000);
  });

  it('wraps like int64 and converts out-of-range floats to MinInt64', () => {
    assert.equal(call('add', 9223372036854775807n, 1n), -9223372036854775808n);
    assert.equal(call('int', 1e20), -9223372036854775808n);
  });

  it('div and mod truncate toward zero; by zero is a runtime error', () => {
    assert.equal(call('div', 7n, 2n), 3n);
    assert.equal(call('div', -7n, 2n), -3n);
    assert.equal(call('mod', -7n, 2n), -1n);
    assert.throws(() => call('div', 1n, 0n), /runtime error: integer divide by zero/);
    assert.equal(call('mul', 2n, '3', 4.9), 24n);
    assert.equal(call('max', 1n, 5n, '7'), 7n);
    assert.equal(call('min', 3n), 3n);
    assert.equal(call('biggest', 1n, 9n), 9n);
    assert.equal(call('add1', '41'), 42n);
    assert.equal(call('sub', 1n, 3n), -2n);
  });

  it('atoi and toDecimal', () => {
    assert.equal(call('atoi', '3.5'), 0n);
    assert.equal(call('atoi', ' 7'), 0n);
    assert.equal(call('atoi', '-12'), -12n);
    assert.equal(call('toDecimal', '0777'), 511n);
    assert.equal(call('toDecimal', 777n), 511n);
    assert.equal(call('toDecimal', '8'), 0n);
  });

  it('float functions return float64 with decimal-exact arithmetic', () => {
    assert.equal(call('addf', 1n, 2n), 3);
    assert.equal(call('addf', 0.1, 0.2), 0.3);
    assert.equal(call('subf', 1n, 0.9), 0.1);
    assert.equal(call('mulf', 1.1, 3n), 3.3);
    assert.equal(call('divf', 1n, 3n), 0.3333333333333333);
    assert.throws(() => call('divf', 1n, 0n), /decimal division by 0/);
    assert.equal(call('add1f', 1.5), 2.5);
    assert.equal(call('maxf', 1n, 'x', 3.5), 3.5);
    assert.equal(call('minf', 1n, -2n), -2);
    assert.equal(call('typeOf', call('addf', 1n, 2n)), 'float64');
  });

  it('floor, ceil and Sprig round (negative halves round down)', () => {
    assert.equal(call('floor', 1.5), 1);
    assert.equal(call('ceil', '1.2'), 2);
    assert.equal(call('round', 1.2345, 2n), 1.23);
    assert.equal(call('round', 2.5, 0n), 3);
    assert.equal(call('round', -2.5, 0n), -3);
    assert.equal(call('round', 1.255, 2n, 0.6), 1.25);
  });

  it('seq is a string; until/untilStep are int lists', () => {
    assert.equal(call('seq', 5n), '1 2 3 4 5');
    assert.equal(call('seq', 2n, 5n), '2 3 4 5');
    assert.equal(call('seq', 5n, 2n), '5 4 3 2');
    assert.equal(call('seq', 1n, 2n, 10n), '1 3 5 7 9');
    assert.equal(call('seq', 0n), '1 0');
    assert.equal(call('seq', -3n), '1 0 -1 -2 -3');
    assert.deepEqual(call('until', 3n), [0n, 1n, 2n]);
    assert.deepEqual(call('until', -3n), [0n, -1n, -2n]);
    assert.deepEqual(call('untilStep', 0n, 10n, 3n), [0n, 3n, 6n, 9n]);
    assert.deepEqual(call('untilStep', 10n, 0n, -3n), [10n, 7n, 4n, 1n]);
    assert.deepEqual(call('untilStep', 0n, 10n, -1n), []);
  });
});
