import assert from 'node:assert/strict';

import { Constraint, isCompatibleRange, isValidVersion, SemverError, Version } from '../src/index.js';

describe('semver (Masterminds v3 rules, the default)', () => {
  it('parses versions leniently, refusing leading zeros in numeric prerelease parts and uint64 overflow', () => {
    for (const v of ['1', '1.2', 'v1.2.3', '1.2.3-beta.1+build.5', '0.0.0', '18446744073709551615.0.0'])
      assert.ok(isValidVersion(v), v);
    for (const v of ['', 'x', '1.2.3.4', '1.2.3-01', 'a1.2', ' 1.2.3']) assert.ok(!isValidVersion(v), v);
    assert.throws(() => Version.parse('18446744073709551616'), /value out of range/);
    assert.throws(
      () => Version.parse('1.2.3-01'),
      (e: unknown) => e instanceof SemverError && e.message === 'version segment starts with 0',
    );
    const v = Version.parse('v1.2-rc.1+b');
    assert.deepEqual(
      [v.major, v.minor, v.patch, v.prerelease, v.metadata, v.original, String(v)],
      [1n, 2n, 0n, 'rc.1', 'b', 'v1.2-rc.1+b', '1.2.0-rc.1+b'],
    );
  });

  it('orders by SemVer precedence; numeric parts past uint64 compare as text', () => {
    const sorted = [
      '1.0.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta',
      '1.0.0-alpha.beta',
      '1.0.0-rc.1',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
    ]
      .map((v) => Version.parse(v))
      .sort((a, b) => a.compare(b))
      .map(String);
    assert.deepEqual(sorted, [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
    assert.ok(Version.parse('1.0.0-99999999999999999999').compare(Version.parse('1.0.0-a')) < 0);
  });

  // Moved from @helmts/chart (its SemVersion/SemverConstraint are these). Sprig's semverCompare
  // table, checked against the real helm, stays in @helmts/sprig.
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

  it("gives Masterminds' messages", () => {
    assert.throws(() => Constraint.parse('foo'), { message: 'improper constraint: foo' });
    assert.throws(() => Constraint.parse('>>1'), /improper constraint/);
    assert.throws(() => Version.parse('x.y'), { message: 'invalid semantic version' });
  });
});

describe("where Helm 2 (v1.5) and today's Helm (v3) read the same text differently", () => {
  const table: [string, string, boolean | 'error', boolean | 'error'][] = [
    // constraint, version, v3, v1.5
    ['>=1.0.0 <2.0.0', '1.5.0', true, 'error'],
    ['^0.2.3', '0.5.0', false, true],
    ['^0.0.3', '0.0.4', false, true],
    ['>1.2', '1.2.5', false, true],
    ['<=1.2', '1.2.5', true, false],
    ['1.2', '1.2.1', true, false],
    ['!=1.2.3', '1.2.4-beta', false, true],
    ['>=1.0.0-0 , <2.0.0', '1.5.0-beta', true, false],
  ];
  const read = (c: string, v: string, dialect: 'v3' | 'v1.5') => {
    const constraint = Constraint.tryParse(c, { dialect });
    return constraint ? constraint.check(v) : 'error';
  };
  for (const [c, v, v3, v15] of table) {
    it(`${JSON.stringify(c)} with ${v}`, () => {
      assert.equal(read(c, v, 'v3'), v3, 'v3');
      assert.equal(read(c, v, 'v1.5'), v15, 'v1.5');
    });
  }

  it('trims version text and allows leading zeros in prereleases only in v1.5', () => {
    assert.equal(Version.tryParse(' 1.2.3 ', { dialect: 'v1.5' })?.toString(), '1.2.3');
    assert.equal(Version.tryParse('1.2.3-01', { dialect: 'v1.5' })?.prerelease, '01');
    assert.equal(Version.tryParse(' 1.2.3 '), undefined);
  });
});
