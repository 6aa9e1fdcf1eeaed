import assert from 'node:assert/strict';

import { describeError, exitCodeOf, HelmtsError, UsageError } from '../src/sdk/errors.js';

describe('errors as the user sees them', () => {
  it('prints the hint of a HelmtsError and of any error carrying a string hint', () => {
    assert.equal(
      describeError(new HelmtsError('no release', { hint: 'list them' })),
      'Error: no release\nHint: list them',
    );
    class LibraryError extends Error {
      readonly hint = 'run "repo update"';
    }
    assert.equal(describeError(new LibraryError('no cached index')), 'Error: no cached index\nHint: run "repo update"');
    const notAString = Object.assign(new Error('odd'), { hint: 42 });
    assert.equal(describeError(notAString), 'Error: odd');
    assert.equal(describeError('plain'), 'Error: plain');
  });

  it("keeps the exit codes: HelmtsError's own, a library error's exitCode, else 1", () => {
    assert.equal(exitCodeOf(new UsageError('bad flag')), 2);
    assert.equal(exitCodeOf(new HelmtsError('failed')), 1);
    assert.equal(exitCodeOf(Object.assign(new Error('bad constraint'), { exitCode: 2 })), 2);
    assert.equal(exitCodeOf(Object.assign(new Error('weird'), { exitCode: 'x' })), 1);
    assert.equal(exitCodeOf(Object.assign(new Error('weird'), { exitCode: 0 })), 1);
    assert.equal(exitCodeOf(new Error('plain')), 1);
  });
});
