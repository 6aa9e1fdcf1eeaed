import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { incompatibleVersionMessage, isCompatibleVersion } from '../src/index.js';

describe('isCompatibleVersion (Helm 2 client/server rule)', () => {
  const cases: [client: string, server: string, ok: boolean][] = [
    ['v2.17.0', 'v2.17.0', true],
    ['v2.17.0', 'v2.17.3', true],
    ['v2.16.1', 'v2.17.0', true],
    ['v2.17.0', 'v2.16.12', false],
    ['v2.17.0', 'v3.0.0', false],
    ['v2.17.0+unreleased', 'v2.1.0', true],
    ['v2.1.0', 'v2.17+unreleased', true],
    ['v2.17.0-rc.1', 'v2.17.0-rc.1', true],
    ['v2.17.0-rc.1', 'v2.17.0', false],
    ['v2.17.0', 'v2.17.1-rc.1', false],
    ['', 'v2.17.0', false],
    ['banana', 'v2.17.0', false],
  ];
  for (const [client, server, ok] of cases) {
    it(`client ${client || '(none)'} vs server ${server}: ${ok ? 'compatible' : 'incompatible'}`, () => {
      assert.equal(isCompatibleVersion(client, server), ok);
    });
  }

  it('words the mismatch like Helm 2', () => {
    assert.equal(
      incompatibleVersionMessage('v2.9.0', 'v2.17.0'),
      'incompatible versions client[v2.9.0] server[v2.17.0]',
    );
  });
});
