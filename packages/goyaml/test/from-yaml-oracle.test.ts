import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromYaml, fromYamlArray } from '../src/index.js';

// Results of the real Helm v4.1.4 fromYaml/fromYamlArray (as toJson), recorded by
// test/oracle/record-from-yaml.mjs.
const records: Array<{ yaml: string; array?: boolean; json: string }> = JSON.parse(
  readFileSync(new URL('./fixtures/from-yaml-oracle.json', import.meta.url), 'utf8'),
);

// go-yaml's syntax error wording is not reproduced; only that it is a YAML error.
function isSyntaxError(message: unknown): boolean {
  return typeof message === 'string' && message.startsWith('error converting YAML to JSON: yaml: line ');
}

describe('fromYaml / fromYamlArray match Helm', () => {
  for (const r of records) {
    it(`${r.array ? 'fromYamlArray' : 'fromYaml'} ${JSON.stringify(r.yaml)}`, () => {
      const expected = JSON.parse(r.json);
      const actual = r.array ? fromYamlArray(r.yaml) : fromYaml(r.yaml);
      if (!r.array && isSyntaxError(expected.Error)) {
        assert.ok(isSyntaxError((actual as Record<string, unknown>).Error), JSON.stringify(actual));
        return;
      }
      assert.deepEqual(actual, expected);
    });
  }
});
