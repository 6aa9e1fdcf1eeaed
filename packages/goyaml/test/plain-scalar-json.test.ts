import assert from 'node:assert/strict';
import { fromYaml, plainScalarJson, YamlParseError } from '../src/index.js';

// plainScalarJson is one plain scalar read as the whole reader reads it (fromYaml, checked against
// the real Helm in from-yaml-oracle.test.ts), without parsing a document around it.
const TEXTS = [
  'text',
  'two words',
  '',
  '~',
  'null',
  'Null',
  'y',
  'n',
  'yes',
  'No',
  'on',
  'OFF',
  'true',
  'False',
  '0',
  '-5',
  '+12',
  '0640',
  '0o17',
  '0x1F',
  '0b101',
  '-0b11',
  '1_000',
  '9223372036854775807',
  '18446744073709551615',
  '18446744073709551616',
  '1.5',
  '.5',
  '1e3',
  '-1.5E-3',
  '1:30',
  '190:20:30.15',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '<<',
  '500m',
  '1.0.0',
  'v1',
  '.',
  '0x',
  '1e',
  '1e400',
];

describe('plainScalarJson', () => {
  for (const text of TEXTS) {
    it(`reads ${JSON.stringify(text)} as fromYaml does`, () => {
      const whole = fromYaml(`v: ${text}\n`) as Record<string, unknown>;
      assert.deepEqual({ v: plainScalarJson(text) }, whole);
    });
  }

  it('refuses a non-finite float, as Go has no JSON for it', () => {
    for (const text of ['.inf', '-.Inf', '.nan']) {
      assert.throws(
        () => plainScalarJson(text),
        (e: unknown) => {
          assert.ok(e instanceof YamlParseError);
          assert.match(e.message, /^error converting YAML to JSON: json: unsupported value: /);
          return true;
        },
      );
      assert.match(String((fromYaml(`v: ${text}\n`) as { Error?: string }).Error), /unsupported value/);
    }
  });
});
