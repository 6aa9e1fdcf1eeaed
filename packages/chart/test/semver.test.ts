import assert from 'node:assert/strict';
import { isCompatibleRange, isValidSemver, SemVersion, SemverConstraint } from '../src/index.js';

describe('semver as Helm 4 reads it (Masterminds v3)', () => {
  it('parses versions leniently', () => {
    for (const v of ['1', '1.2', 'v1.2.3', '1.2.3-beta.1+build.5', '0.0.0']) assert.ok(isValidSemver(v), v);
    for (const v of ['', 'x', '1.2.3.4', '1.2.3-01', 'a1.2']) assert.ok(!isValidSemver(v), v);
    assert.equal(SemVersion.parse('v1.2').toString(), '1.2.0');
  });

  it('orders by SemVer precedence', () => {
    const sorted = ['1.0.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta', '1.0.0-alpha.beta', '1.0.0-rc.1', '1.0.0-beta.11', '1.0.0-beta.2']
      .map((v) => SemVersion.parse(v))
      .sort((a, b) => a.compare(b))
      .map(String);
    assert.deepEqual(sorted, ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']);
  });

  const table: Array<[string, string, boolean]> = [
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['^1.2.3', '1.9.0', true],
    ['^1.2.3', '2.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.4', false],
    ['1.2.x', '1.2.7', true],
    ['1.2.x', '1.3.0', false],
    ['x.x.x', '8.6.4', true],
    ['7.x', '7.8.10', true],
    ['*', '3.0.0', true],
    ['>=1.2, <2', '1.5.0', true],
    ['>= 1.2 < 2', '2.0.0', false],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['1.2 - 1.4.5', '1.4.6', false],
    ['<1 || >=3', '3.1.0', true],
    ['<1 || >=3', '2.0.0', false],
    ['!=1.2.3', '1.2.3', false],
    ['>=1.2.3', '1.3.0-beta', false],
    ['>=1.2.3-0', '1.3.0-beta', true],
    ['8.6.4', '8.6.4', true],
    ['=8.6.4', '8.6.5', false],
    ['', '1.0.0', false],
  ];
  for (const [c, v, ok] of table) {
    it(`${JSON.stringify(c)} ${ok ? 'accepts' : 'rejects'} ${v}`, () => assert.equal(isCompatibleRange(c, v), ok));
  }

  it('refuses malformed constraints', () => {
    assert.throws(() => SemverConstraint.parse('>>1'), /improper constraint/);
  });
});
