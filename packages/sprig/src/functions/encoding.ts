/** Sprig's encoding and hashing functions. */
import { hash } from 'node:crypto';
import { argString } from '../args.js';
import { base32DecodeStrict, base32Encode, base64DecodeStrict, base64Encode } from '../go-base-encoding.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { fromUtf8, utf8Bytes } from '../go-strings.js';

// crypto.hash encodes a string as UTF-8 (lone surrogates as U+FFFD), as Buffer.from does
const hexDigest = (algo: string) => goFunc('string', (s) => hash(algo, argString(s), 'hex'));

export function encodingFunctions(): FuncMap {
  const decode = (fn: (s: string) => Buffer) => (s: unknown) => {
    try {
      return fromUtf8(fn(argString(s)));
    } catch (e) {
      return (e as Error).message;
    }
  };
  return {
    b64enc: goFunc('string', (s) => base64Encode(utf8Bytes(argString(s)))),
    b64dec: goFunc('string', decode(base64DecodeStrict)),
    b32enc: goFunc('string', (s) => base32Encode(utf8Bytes(argString(s)))),
    b32dec: goFunc('string', decode(base32DecodeStrict)),
    sha1sum: hexDigest('sha1'),
    sha256sum: hexDigest('sha256'),
    sha512sum: hexDigest('sha512'),
    adler32sum: goFunc('string', (s) => String(adler32(utf8Bytes(argString(s))))),
  };
}

function adler32(b: Uint8Array): number {
  let a = 1;
  let c = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    c = (c + a) % 65521;
  }
  return ((c << 16) | a) >>> 0;
}
