// Chart metadata strings as Helm sanitizes them (Go's unicode.IsSpace and unicode.IsPrint).
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { sanitizeString } from '../src/validate.js';

describe('sanitizeString (Helm chart metadata)', () => {
  it('keeps printable ASCII as it is', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    assert.equal(sanitizeString(ascii), ascii);
  });

  it('turns every space Go knows into a plain space and drops control characters', () => {
    assert.equal(sanitizeString('a\tb\nc\vd\fe\rf'), 'a b c d e f');
    assert.equal(sanitizeString('a\u0085b\u00a0c\u1680d\u2003e\u2028f\u202fg\u3000h'), 'a b c d e f g h');
    assert.equal(sanitizeString('a\u0000b\u001fc\u007fd\u0080e'), 'abcde');
  });

  it('keeps letters, marks, numbers, punctuation and symbols beyond ASCII, drops format characters', () => {
    assert.equal(sanitizeString('café ünïcödé ½ — € 😀 e\u0301'), 'café ünïcödé ½ — € 😀 e\u0301');
    // U+FEFF and U+200B are format characters (Cf): not spaces for Go, and not printable
    assert.equal(sanitizeString('a\ufeffb\u200bc\u00add'), 'abcd');
    // a lone surrogate is not a character
    assert.equal(sanitizeString('a\ud800b'), 'ab');
  });
});
