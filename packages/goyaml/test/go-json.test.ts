import assert from 'node:assert/strict';

import { decodeJson, decodeJsonPrefix, GoJsonError } from '../src/index.js';

const errorOf = (text: string, eof?: 'decoder' | 'unmarshal') => {
  try {
    decodeJson(text, { eof });
  } catch (e) {
    assert.ok(e instanceof GoJsonError);
    return e.message;
  }
  return assert.fail(`no error for ${JSON.stringify(text)}`);
};

describe('Go JSON decoding (encoding/json into interface{})', () => {
  it('decodes numbers as float64 and keeps the last duplicate key', () => {
    assert.deepEqual(decodeJson('{"a":1,"a":2.5,"b":[true,null,"x"]}'), { a: 2.5, b: [true, null, 'x'] });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const v = decodeJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(v), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  // Messages recorded from the real helm 4.1.4 (`fromJson ... | .Error`).
  it('words errors as Go does, json.Unmarshal and json.Decoder alike', () => {
    assert.equal(errorOf('{"a":', 'unmarshal'), 'unexpected end of JSON input');
    assert.equal(errorOf('{"a":'), 'unexpected EOF');
    assert.equal(errorOf('"\\x"'), "invalid character 'x' in string escape code");
    assert.equal(errorOf('"\t"'), "invalid character '\\t' in string literal");
    assert.equal(errorOf("'"), "invalid character '\\'' looking for beginning of value");
    assert.equal(errorOf('{"a":1} x'), "invalid character 'x' after top-level value");
  });

  it('decodes a prefix and says where it ended', () => {
    assert.deepEqual(decodeJsonPrefix('  [1] rest'), { value: [1], end: 5 });
  });
});
