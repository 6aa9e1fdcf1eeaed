/** encoding/base64 and encoding/base32 StdEncoding with Go's strict decoding and error offsets. */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base64Encode(b: Uint8Array): string {
  return Buffer.from(b).toString('base64');
}

export function base32Encode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 5) {
    const chunk = [...b.subarray(i, i + 5)];
    const n = chunk.length;
    while (chunk.length < 5) chunk.push(0);
    let bits = 0n;
    for (const x of chunk) bits = (bits << 8n) | BigInt(x);
    const chars = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)]!);
    const keep = [0, 2, 4, 5, 7, 8][n]!;
    out += chars.slice(0, keep).join('') + '='.repeat(8 - keep);
  }
  return out;
}

/**
 * Strict decoding in quanta of `q` chars (4 for base64, 8 for base32) as Go does; `Error` messages are
 * `illegal base64 data at input byte N`.
 */
function decodeStrict(s: string, alphabet: string, q: number, name: string, validPad: number[]): Buffer {
  const fail = (at: number) => new Error(`illegal ${name} data at input byte ${at}`);
  const bits = Math.log2(alphabet.length);
  const out: number[] = [];
  let acc = 0;
  let accBits = 0;
  let i = 0;
  const next = (): [string | undefined, number] => {
    while (i < s.length && (s[i] === '\n' || s[i] === '\r')) i++;
    if (i >= s.length) return [undefined, i];
    return [s[i], i++];
  };
  for (;;) {
    const quantum: number[] = [];
    let start = -1;
    for (let j = 0; j < q; j++) {
      const [c, at] = next();
      if (c === undefined) {
        if (j === 0) return Buffer.from(out);
        throw fail(at - j);
      }
      if (start < 0) start = at;
      if (c === '=') {
        // padding: the rest of the quantum must be '=' and nothing may follow
        if (!validPad.includes(j)) throw fail(at);
        for (let k = j + 1; k < q; k++) {
          const [p, pat] = next();
          if (p === undefined) throw fail(s.length);
          if (p !== '=') throw fail(pat > at ? at : pat);
        }
        const [extra, xat] = next();
        if (extra !== undefined) throw fail(xat);
        for (const v of quantum) {
          acc = (acc << bits) | v;
          accBits += bits;
          while (accBits >= 8) {
            accBits -= 8;
            out.push((acc >> accBits) & 0xff);
          }
        }
        return Buffer.from(out);
      }
      const v = alphabet.indexOf(c);
      if (v < 0) throw fail(at);
      quantum.push(v);
    }
    for (const v of quantum) {
      acc = ((acc << bits) | v) & 0xffff;
      accBits += bits;
      while (accBits >= 8) {
        accBits -= 8;
        out.push((acc >> accBits) & 0xff);
      }
    }
    acc = 0;
    accBits = 0;
  }
}

export function base64DecodeStrict(s: string): Buffer {
  return decodeStrict(s, B64, 4, 'base64', [2, 3]);
}

export function base32DecodeStrict(s: string): Buffer {
  return decodeStrict(s, B32, 8, 'base32', [2, 4, 5, 7]);
}
