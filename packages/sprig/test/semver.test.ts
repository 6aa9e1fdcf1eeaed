import assert from 'node:assert/strict';
import { call } from './call.js';
import { SemverVersion } from '../src/index.js';

describe('semver', () => {
  it('semverCompare follows Masterminds v3 (results from the real helm)', () => {
    const cases: [string, string, boolean][] = [
      ['>=1.16-0', 'v1.30.0', true],
      ['>=1.16', 'v1.30.0-gke.1', false],
      ['>=1.16.0-0', 'v1.30.0-gke.1', true],
      ['^0.2.3', '0.2.9', true],
      ['^0.2.3', '0.3.0', false],
      ['^0.0.3', '0.0.4', false],
      ['~1.2.x', '1.2.9', true],
      ['~1.2', '1.3.0', false],
      ['1.2.x', '1.2.5', true],
      ['1.2 - 1.4.5', '1.4.5', true],
      ['1.2 - 1.4.5', '1.4.6', false],
      ['>1.2', '1.2.9', false],
      ['>1.2', '1.3.0', true],
      ['<=1.2', '1.2.9', true],
      ['!=1.2.x', '1.2.3', false],
      ['*', '1.0.0-alpha', false],
      ['>=1.0.0-alpha, <2', '1.5.0-beta', true],
      ['>1 <3', '2.0.0', true],
      ['<1.0 || >=3', '3.1.0', true],
      ['=1.2.3', 'v1.2.3+build', true],
      ['~0', '0.9.9', true],
      ['^1.x', '1.9.0', true],
      ['>= 1.2, < 1.3', '1.2.99', true],
      ['<1.2.0-0', '1.1.9-rc', true],
    ];
    for (const [c, v, want] of cases) assert.equal(call('semverCompare', c, v), want, `${c} ${v}`);
  });

  it('errors', () => {
    assert.throws(() => call('semverCompare', 'foo', '1.0.0'), { message: 'improper constraint: foo' });
    assert.throws(() => call('semverCompare', '>1', 'x.y'), { message: 'invalid semantic version' });
    assert.throws(() => call('semver', '1.2.3-01'), { message: 'version segment starts with 0' });
  });

  it('semver returns a version object with methods', () => {
    const v = call('semver', 'v1.2') as SemverVersion;
    assert.equal(v.Major(), 1n);
    assert.equal(v.Minor(), 2n);
    assert.equal(v.Original(), 'v1.2');
    assert.equal(call('toString', call('semver', '1.2.3-rc.1+b')), '1.2.3-rc.1+b');
    assert.equal((call('semver', '1.2.3') as SemverVersion).Compare(call('semver', '1.2.4') as SemverVersion), -1n);
    assert.equal(call('typeOf', v), '*semver.Version');
  });
});
