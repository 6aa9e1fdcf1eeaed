import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MemoryDriver } from '../src/index.js';
import { driverContract } from './driver-contract.js';
import { sampleRelease } from './sample-release.js';

describe('MemoryDriver', () => {
  driverContract(() => new MemoryDriver());

  it('stores a copy: mutating the caller’s object after create changes nothing', async () => {
    const d = new MemoryDriver();
    const rel = sampleRelease('copy', 1);
    await d.create('copy.v1', rel);
    rel.manifest = 'changed';
    assert.notEqual((await d.get('copy.v1')).manifest, 'changed');
  });

  it('is named Memory', () => {
    assert.equal(new MemoryDriver().name, 'Memory');
  });
});
