import assert from 'node:assert/strict';

import { mask, parseCommandLines } from '../src/parity/index.js';

describe('parity table and masking', () => {
  it('reads command lines, setup steps and explained differences', () => {
    const lines = parseCommandLines('# c\n\nhelm list\n! helm repo update\nhelm version  ## differs: why not\n');
    assert.deepEqual(lines, [
      { line: 3, command: 'helm list', explained: undefined, setup: false },
      { line: 4, command: 'helm repo update', explained: undefined, setup: true },
      { line: 5, command: 'helm version', explained: 'why not', setup: false },
    ]);
  });

  it('masks times, ages, versions and the phase names, and nothing else', () => {
    const context = { replacements: { 'ns-a': '<NS>' } };
    assert.equal(
      mask('LAST DEPLOYED: Fri Dec  4 18:43:00 2026\nNAMESPACE: ns-a\n', context),
      'LAST DEPLOYED: <TIME>\nNAMESPACE: <NS>\n',
    );
    assert.equal(mask('web  1/1  1  0s\n', context), 'web  1/1  1  <AGE>\n');
    assert.equal(
      mask('{"resources":"NAME   DATA   AGE\\ncfg1   3      22s\\n\\n"}\n', context),
      '{"resources":"NAME   DATA   AGE\\ncfg1   3      <AGE>\\n\\n"}\n',
    );
    assert.equal(mask('Error: unknown command "x" for "helmts"\n', context), 'Error: unknown command "x" for "helm"\n');
    assert.equal(mask('greeting: hello\n', context), 'greeting: hello\n');
  });
});
