import assert from 'node:assert/strict'

import {Constraint, pickVersion, Version} from '../src/index.js'

const satisfies = (constraint: string, version: string) => Constraint.parse(constraint).check(version)

describe('semver (Masterminds v1.5 rules)', () => {
  it('parses versions leniently and orders them by SemVer precedence', () => {
    assert.equal(Version.parse('v1.2').toString(), '1.2.0')
    assert.ok(Version.parse('1.0.0-alpha').compare(Version.parse('1.0.0')) < 0)
    assert.ok(Version.parse('1.0.0-alpha.2').compare(Version.parse('1.0.0-alpha.10')) < 0)
    assert.ok(Version.parse('1.0.0-alpha.beta').compare(Version.parse('1.0.0-alpha.1')) > 0)
    assert.equal(Version.parse('1.0.0+build.1').compare(Version.parse('1.0.0+build.2')), 0)
    assert.equal(Version.tryParse('1.2.3.4'), undefined)
  })

  it('reads tilde, caret, wildcard and hyphen ranges as Helm 2 does', () => {
    const cases: [string, string, boolean][] = [
      ['~1.2.3', '1.2.9', true], ['~1.2.3', '1.3.0', false],
      ['~1', '1.9.0', true], ['~1', '2.0.0', false],
      ['^1.2.3', '1.9.9', true], ['^1.2.3', '2.0.0', false],
      // Unlike npm: ^0.0.1 means >=0.0.1, <1.0.0.
      ['^0.0.1', '0.5.0', true], ['^0.0.1', '1.0.0', false],
      ['1.2.x', '1.2.7', true], ['1.2.x', '1.3.0', false],
      ['*', '42.0.0', true], ['*', '1.0.0-beta', false],
      ['1.2 - 1.4.5', '1.4.5', true], ['1.2 - 1.4.5', '1.4.6', false],
      ['>=1.0.0, <2.0.0', '1.5.0', true], ['>=1.0.0, <2.0.0', '2.0.0', false],
      ['<1.0.0 || >=3.0.0', '3.1.0', true], ['<1.0.0 || >=3.0.0', '2.0.0', false],
      ['>1.2', '1.2.5', true], ['>1.2.x', '1.2.5', false], ['>1.2.x', '1.3.0', true],
      ['<=1.2.x', '1.2.9', true], ['<=1.2.x', '1.3.0', false],
      ['!=1.2.3', '1.2.4', true], ['!=1.2.3', '1.2.3', false],
      ['1.2', '1.2.0', true], ['1.2', '1.2.1', false],
    ]
    for (const [constraint, version, expected] of cases) assert.equal(satisfies(constraint, version), expected, `${version} in ${constraint}`)
  })

  it('lets prereleases through only when the comparison names one', () => {
    assert.equal(satisfies('>=1.0.0', '1.5.0-beta.1'), false)
    assert.equal(satisfies('>0.0.0-0', '1.5.0-beta.1'), true)
    assert.equal(satisfies('>=1.5.0-0', '1.5.0-rc.1'), true)
  })

  it('refuses a space as AND, and other bad constraints', () => {
    assert.throws(() => Constraint.parse('>=1.0.0 <2.0.0'), /improper constraint/)
    assert.throws(() => Constraint.parse('banana'), /improper constraint/)
  })

  it('picks versions as the index lookup does: exact string first, newest match, stable by default', () => {
    const versions = [{version: '2.0.0-rc.1'}, {version: '1.10'}, {version: '1.9.0'}, {version: '1.2.3'}]
    assert.equal(pickVersion(versions, undefined)?.version, '1.10')
    assert.equal(pickVersion(versions, undefined, true)?.version, '2.0.0-rc.1')
    assert.equal(pickVersion(versions, '1.10')?.version, '1.10')
    assert.equal(pickVersion(versions, '~1.9')?.version, '1.9.0')
    assert.equal(pickVersion(versions, '>=3'), undefined)
  })
})
