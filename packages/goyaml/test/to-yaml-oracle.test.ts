import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { toYaml } from '../src/index.js';

// Outputs of the real Helm v4.1.4 toYaml, recorded by test/oracle/record-to-yaml.mjs.
const records: Array<{ json: string; toYaml: string }> = JSON.parse(
  readFileSync(new URL('./fixtures/to-yaml-oracle.json', import.meta.url), 'utf8'),
);

describe('toYaml matches Helm byte for byte', () => {
  for (const r of records) {
    it(r.json.length > 90 ? `${r.json.slice(0, 90)}…` : r.json, () => {
      const { v } = JSON.parse(r.json) as { v: unknown };
      assert.equal(toYaml(v), r.toYaml);
    });
  }
});
