import assert from 'node:assert/strict';

import { parseFailsafeYaml } from '../src/yaml/parse-failsafe-yaml.js';

describe('YAML as the repository files are read (failsafe schema)', () => {
  it('keeps every scalar a string, and an empty plain value null', () => {
    assert.deepEqual(
      parseFailsafeYaml('version: 1.10\ndeprecated: true\nempty:\nquoted: ""\ntilde: ~\nlist:\n- 1\n-\n'),
      {
        version: '1.10',
        deprecated: 'true',
        empty: null,
        quoted: '',
        tilde: '~',
        list: ['1', null],
      },
    );
    assert.equal(parseFailsafeYaml('# nothing\n'), null);
  });

  it('refuses what Go would not read: duplicate keys, several documents, unknown tags', () => {
    assert.throws(() => parseFailsafeYaml('a: 1\na: 2\n'), /unique/);
    assert.throws(() => parseFailsafeYaml('a: 1\n---\nb: 2\n'), /multiple documents/);
    assert.throws(() => parseFailsafeYaml('a: !custom x\n'), /Unresolved tag/);
  });
});
