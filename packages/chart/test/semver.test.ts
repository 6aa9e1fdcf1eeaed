import assert from 'node:assert/strict';
import { Constraint, SemverError as SemverPackageError, Version } from '@helmts/semver';
import { isCompatibleRange, isValidSemver, SemVersion, SemverConstraint, SemverError } from '../src/index.js';

// The rules themselves are tested in @helmts/semver (test/v3.test.ts holds this file's former table).
describe('semver as Helm 4 reads it (Masterminds v3)', () => {
  it('is @helmts/semver under the names chart has always exported', () => {
    assert.equal(SemVersion, Version);
    assert.equal(SemverConstraint, Constraint);
    assert.equal(SemverError, SemverPackageError);
    assert.equal(SemVersion.parse('v1.2').toString(), '1.2.0');
    assert.ok(isValidSemver('1.2.3-beta.1+build.5') && !isValidSemver('1.2.3-01'));
    assert.ok(isCompatibleRange('^0.2.3', '0.2.9') && !isCompatibleRange('^0.2.3', '0.3.0'));
    assert.throws(() => SemverConstraint.parse('>>1'), /improper constraint/);
  });
});
