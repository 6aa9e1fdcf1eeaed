// HPACK against the examples of RFC 7541 Appendix C (Huffman strings, a response sequence that
// evicts from a 256-octet table) and against what it must refuse.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { encodeHeaders, HpackDecoder, huffmanDecode } from '../src/hpack.js';

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('HPACK', () => {
  it('decodes the Huffman-coded strings of Appendix C.4', () => {
    assert.equal(huffmanDecode(hex('f1e3 c2e5 f23a 6ba0 ab90 f4ff')).toString(), 'www.example.com');
    assert.equal(huffmanDecode(hex('a8eb 1064 9cbf')).toString(), 'no-cache');
    assert.equal(huffmanDecode(hex('25a8 49e9 5ba9 7d7f')).toString(), 'custom-key');
    assert.equal(huffmanDecode(hex('25a8 49e9 5bb8 e8b4 bf')).toString(), 'custom-value');
  });

  it('refuses padding that is not the start of EOS, or longer than seven bits', () => {
    // "0" is 00000: padded with ones it is 0x07
    assert.equal(huffmanDecode(hex('07')).toString(), '0');
    assert.throws(() => huffmanDecode(hex('00')), /padding/);
    assert.throws(() => huffmanDecode(hex('07ff')), /padding/);
  });

  it('decodes the response sequence of Appendix C.6, evicting from a 256-octet table', () => {
    const decoder = new HpackDecoder(256);
    const date = 'Mon, 21 Oct 2013 20:13:21 GMT';
    assert.deepEqual(
      decoder.decode(
        hex(
          '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3',
        ),
      ),
      [
        [':status', '302'],
        ['cache-control', 'private'],
        ['date', date],
        ['location', 'https://www.example.com'],
      ],
    );
    // ":status: 307" pushes ":status: 302" out; the rest comes from the table
    assert.deepEqual(decoder.decode(hex('4883 640e ffc1 c0bf')), [
      [':status', '307'],
      ['cache-control', 'private'],
      ['date', date],
      ['location', 'https://www.example.com'],
    ]);
    const third = decoder.decode(
      hex(
        '88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
      ),
    );
    assert.deepEqual(third.slice(0, 2), [
      [':status', '200'],
      ['cache-control', 'private'],
    ]);
    assert.equal(third[4]![0], 'content-encoding');
    assert.equal(third[5]![1], 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1');
    // an index past the table
    assert.throws(() => decoder.decode(hex('ff00')), /no table entry/);
  });

  it('refuses a table size update over the size it announced, and truncated blocks', () => {
    assert.throws(() => new HpackDecoder(4096).decode(hex('3fe2 1f')), /table size/);
    assert.throws(() => new HpackDecoder().decode(hex('0003 6162')), /truncated/);
  });

  it('encodes literals every decoder reads back, long and Latin-1 values included', () => {
    const fields: [string, string][] = [
      [':path', '/hapi.services.tiller.ReleaseService/ListReleases'],
      ['x-long', 'v'.repeat(300)],
      ['x-latin1', 'caf\u00e9'],
      ['x-empty', ''],
    ];
    assert.deepEqual(new HpackDecoder().decode(encodeHeaders(fields)), fields);
  });
});
