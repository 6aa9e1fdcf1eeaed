/** A minimal DER encoder/decoder: enough ASN.1 to build X.509 certificates and DSA key structures. */

export type Der = Buffer;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Uint8Array): Der {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

export const sequence = (...items: Der[]): Der => tlv(0x30, Buffer.concat(items));
export const set = (...items: Der[]): Der => tlv(0x31, Buffer.concat(items));
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | n, inner);
export const octetString = (b: Uint8Array): Der => tlv(0x04, b);
export const bitString = (b: Uint8Array): Der => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
export const boolean = (v: boolean): Der => tlv(0x01, Buffer.from([v ? 0xff : 0]));
export const nullValue = (): Der => Buffer.from([0x05, 0x00]);

export function integer(v: bigint): Der {
  if (v < 0n) throw new Error('negative DER integers are not needed here');
  let hex = v.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let b = Buffer.from(hex, 'hex');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

export function oid(dotted: string): Der {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    let n = Math.floor(p / 128);
    while (n > 0) {
      chunk.unshift((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** Go's asn1 picks PrintableString when every character allows it, else UTF8String */
export function directoryString(s: string): Der {
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
  return tlv(printable ? 0x13 : 0x0c, Buffer.from(s, 'utf8'));
}

/** UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5280, as Go does) */
export function time(d: Date): Der {
  const y = d.getUTCFullYear();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const rest =
    p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + p(d.getUTCHours()) + p(d.getUTCMinutes()) + p(d.getUTCSeconds()) + 'Z';
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(p(y % 100) + rest, 'ascii'));
  return tlv(0x18, Buffer.from(p(y, 4) + rest, 'ascii'));
}

export interface DerNode {
  tag: number;
  content: Buffer;
  /** the whole TLV */
  raw: Buffer;
}

/** Reads the TLVs inside `b` (one level). */
export function children(b: Buffer): DerNode[] {
  const out: DerNode[] = [];
  let i = 0;
  while (i < b.length) {
    const start = i;
    const tag = b[i++]!;
    let len = b[i++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + b[i++]!;
    }
    if (i + len > b.length) throw new Error('asn1: syntax error: data truncated');
    out.push({ tag, content: b.subarray(i, i + len), raw: b.subarray(start, i + len) });
    i += len;
  }
  return out;
}

export function readInteger(n: DerNode): bigint {
  if (n.tag !== 0x02) throw new Error("asn1: structure error: tags don't match");
  return n.content.length === 0 ? 0n : BigInt('0x' + n.content.toString('hex'));
}
