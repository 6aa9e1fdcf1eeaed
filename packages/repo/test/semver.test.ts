import assert from 'node:assert/strict';

import { pickVersion } from '../src/index.js';

// The v1.5 version and constraint rules themselves are tested in @helmts/semver (test/v1.5.test.ts).
describe('version lookup (Masterminds v1.5 rules)', () => {
  it('picks versions as the index lookup does: exact string first, newest match, stable by default', () => {
    const versions = [{ version: '2.0.0-rc.1' }, { version: '1.10' }, { version: '1.9.0' }, { version: '1.2.3' }];
    assert.equal(pickVersion(versions, undefined)?.version, '1.10');
    assert.equal(pickVersion(versions, undefined, true)?.version, '2.0.0-rc.1');
    assert.equal(pickVersion(versions, '1.10')?.version, '1.10');
    assert.equal(pickVersion(versions, '~1.9')?.version, '1.9.0');
    assert.equal(pickVersion(versions, '>=3'), undefined);
  });

  it('reads constraints as Helm 2 does: a space is not AND, ^0.x stays in the major', () => {
    assert.throws(
      () => pickVersion([{ version: '1.0.0' }], '>=1.0.0 <2.0.0'),
      /invalid version constraint ">=1.0.0 <2.0.0": improper constraint/,
    );
    assert.equal(pickVersion([{ version: '0.9.0' }, { version: '0.2.3' }], '^0.2.3')?.version, '0.9.0');
  });
});
