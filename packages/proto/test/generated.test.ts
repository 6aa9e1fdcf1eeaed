import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'mocha';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('generated TypeScript', () => {
  it('is up to date with the .proto files (npm run generate)', () => {
    assert.doesNotThrow(() =>
      execFileSync(process.execPath, ['scripts/generate.mjs', '--check'], {
        cwd: pkg,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  });

  it('the wire schema is up to date with the .proto files (npm run generate)', () => {
    assert.doesNotThrow(() =>
      execFileSync(process.execPath, ['scripts/generate-wire-schema.mjs', '--check'], {
        cwd: pkg,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  });
});
