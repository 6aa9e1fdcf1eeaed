import assert from 'node:assert/strict';

import { compareVersionStringsDescending, Constraint, Version } from '../src/index.js';

// Moved from @helmts/repo: Helm 2 reads repository constraints with Masterminds semver v1.5.
const helm2 = { dialect: 'v1.5' } as const;
const satisfies = (constraint: string, version: string) => Constraint.parse(constraint, helm2).check(version);

describe('semver (Masterminds v1.5 rules)', () => {
  it('parses versions leniently and orders them by SemVer precedence', () => {
    const parse = (text: string) => Version.parse(text, helm2);
    assert.equal(parse('v1.2').toString(), '1.2.0');
    assert.ok(parse('1.0.0-alpha').compare(parse('1.0.0')) < 0);
    assert.ok(parse('1.0.0-alpha.2').compare(parse('1.0.0-alpha.10')) < 0);
    assert.ok(parse('1.0.0-alpha.beta').compare(parse('1.0.0-alpha.1')) > 0);
    assert.equal(parse('1.0.0+build.1').compare(parse('1.0.0+build.2')), 0);
    assert.equal(Version.tryParse('1.2.3.4', helm2), undefined);
  });

  it('reads tilde, caret, wildcard and hyphen ranges as Helm 2 does', () => {
    const cases: [string, string, boolean][] = [
      ['~1.2.3', '1.2.9', true],
      ['~1.2.3', '1.3.0', false],
      ['~1', '1.9.0', true],
      ['~1', '2.0.0', false],
      ['^1.2.3', '1.9.9', true],
      ['^1.2.3', '2.0.0', false],
      // Unlike npm: ^0.0.1 means >=0.0.1, <1.0.0.
      ['^0.0.1', '0.5.0', true],
      ['^0.0.1', '1.0.0', false],
      ['1.2.x', '1.2.7', true],
      ['1.2.x', '1.3.0', false],
      ['*', '42.0.0', true],
      ['*', '1.0.0-beta', false],
      ['1.2 - 1.4.5', '1.4.5', true],
      ['1.2 - 1.4.5', '1.4.6', false],
      ['>=1.0.0, <2.0.0', '1.5.0', true],
      ['>=1.0.0, <2.0.0', '2.0.0', false],
      ['<1.0.0 || >=3.0.0', '3.1.0', true],
      ['<1.0.0 || >=3.0.0', '2.0.0', false],
      ['>1.2', '1.2.5', true],
      ['>1.2.x', '1.2.5', false],
      ['>1.2.x', '1.3.0', true],
      ['<=1.2.x', '1.2.9', true],
      ['<=1.2.x', '1.3.0', false],
      ['!=1.2.3', '1.2.4', true],
      ['!=1.2.3', '1.2.3', false],
      ['1.2', '1.2.0', true],
      ['1.2', '1.2.1', false],
    ];
    for (const [constraint, version, expected] of cases)
      assert.equal(satisfies(constraint, version), expected, `${version} in ${constraint}`);
  });

  it('lets prereleases through only when the comparison names one', () => {
    assert.equal(satisfies('>=1.0.0', '1.5.0-beta.1'), false);
    assert.equal(satisfies('>0.0.0-0', '1.5.0-beta.1'), true);
    assert.equal(satisfies('>=1.5.0-0', '1.5.0-rc.1'), true);
  });

  it('refuses a space as AND, and other bad constraints', () => {
    assert.throws(() => Constraint.parse('>=1.0.0 <2.0.0', helm2), /improper constraint/);
    assert.throws(() => Constraint.parse('banana', helm2), /improper constraint/);
  });

  it('sorts version strings newest first, unparsable ones last', () => {
    const sorted = ['1.9.0', 'latest', ' 1.10.0 ', '2.0.0-rc.1', 'v1.2'].sort((a, b) =>
      compareVersionStringsDescending(a, b, helm2),
    );
    assert.deepEqual(sorted, ['2.0.0-rc.1', ' 1.10.0 ', '1.9.0', 'v1.2', 'latest']);
  });
});
