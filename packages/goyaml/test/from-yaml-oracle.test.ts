import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromYaml, fromYamlArray } from '../src/index.js';

// Results of the real Helm v4.1.4 fromYaml/fromYamlArray (as toJson), recorded by
// test/oracle/record-from-yaml.mjs.
const records: Array<{ yaml: string; array?: boolean; json: string }> = JSON.parse(
  readFileSync(new URL('./fixtures/from-yaml-oracle.json', import.meta.url), 'utf8'),
);

describe('fromYaml / fromYamlArray match Helm', () => {
  for (const r of records) {
    it(`${r.array ? 'fromYamlArray' : 'fromYaml'} ${JSON.stringify(r.yaml)}`, () => {
      const expected = JSON.parse(r.json);
      // helm v4 links go-yaml v2.4
      const actual = r.array ? fromYamlArray(r.yaml, 'v2.4') : fromYaml(r.yaml, 'v2.4');
      assert.deepEqual(actual, expected);
    });
  }
});
