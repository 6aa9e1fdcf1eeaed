// HPACK (RFC 7541), what an HTTP/2 client of Tiller needs: a decoder for everything a server may
// send (static and dynamic table, table size updates, Huffman-coded strings) and an encoder that
// writes each field as a literal without indexing, which every decoder accepts and which keeps no
// state (a gRPC request carries a handful of short fields).

/** Appendix A: the static table, entries 1 to 61. */
const STATIC_TABLE: readonly (readonly [string, string])[] = [
  [':authority', ''],
  [':method', 'GET'],
  [':method', 'POST'],
  [':path', '/'],
  [':path', '/index.html'],
  [':scheme', 'http'],
  [':scheme', 'https'],
  [':status', '200'],
  [':status', '204'],
  [':status', '206'],
  [':status', '304'],
  [':status', '400'],
  [':status', '404'],
  [':status', '500'],
  ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'],
  ['accept-language', ''],
  ['accept-ranges', ''],
  ['accept', ''],
  ['access-control-allow-origin', ''],
  ['age', ''],
  ['allow', ''],
  ['authorization', ''],
  ['cache-control', ''],
  ['content-disposition', ''],
  ['content-encoding', ''],
  ['content-language', ''],
  ['content-length', ''],
  ['content-location', ''],
  ['content-range', ''],
  ['content-type', ''],
  ['cookie', ''],
  ['date', ''],
  ['etag', ''],
  ['expect', ''],
  ['expires', ''],
  ['from', ''],
  ['host', ''],
  ['if-match', ''],
  ['if-modified-since', ''],
  ['if-none-match', ''],
  ['if-range', ''],
  ['if-unmodified-since', ''],
  ['last-modified', ''],
  ['link', ''],
  ['location', ''],
  ['max-forwards', ''],
  ['proxy-authenticate', ''],
  ['proxy-authorization', ''],
  ['range', ''],
  ['referer', ''],
  ['refresh', ''],
  ['retry-after', ''],
  ['server', ''],
  ['set-cookie', ''],
  ['strict-transport-security', ''],
  ['transfer-encoding', ''],
  ['user-agent', ''],
  ['vary', ''],
  ['via', ''],
  ['www-authenticate', ''],
];

/**
 * Appendix B: the bit length of each symbol's code, symbols 0 to 256 (EOS), as base-36 digits. The
 * code is canonical (codes of one length are consecutive, in symbol order, after the shorter
 * ones), so the lengths alone give every code.
 */
const CODE_LENGTHS =
  'dnsssssssoussussssssssusssssssss6aacd68baa8b8666555666666678f6ca' +
  'd67777777777777777777777878djde6f56565666577666567655677777fbeds' +
  'kmkkmmmnmnnnnnonoomnonnnnlmnmnnomlkmmnnlnmmolmnnllmlnmnnkmmmnmmn' +
  'qqkjmnmpqqqrrqopjlqrrqrollqqsrrrkoklmllnmmppooqnqrqqrrrrrsrrrrrq' +
  'u';

/** The canonical decoding tables built from CODE_LENGTHS (on first use). */
interface HuffmanTables {
  /** by length: the first code of that length, the number of codes, where its symbols start */
  firstCode: Int32Array;
  count: Int32Array;
  offset: Int32Array;
  /** symbols ordered by (length, symbol) */
  symbols: Uint16Array;
}

let huffman: HuffmanTables | undefined;

function huffmanTables(): HuffmanTables {
  if (huffman) return huffman;
  const lengths = Array.from(CODE_LENGTHS, (c) => parseInt(c, 36));
  if (lengths.length !== 257) throw new Error(`HPACK Huffman table has ${lengths.length} lengths, not 257`);
  const count = new Int32Array(31);
  for (const length of lengths) count[length]!++;
  const firstCode = new Int32Array(31);
  const offset = new Int32Array(31);
  let code = 0;
  let at = 0;
  for (let length = 1; length <= 30; length++) {
    code = (code + count[length - 1]!) << 1;
    firstCode[length] = code;
    offset[length] = at;
    at += count[length]!;
  }
  const symbols = new Uint16Array(257);
  const next = Int32Array.from(offset);
  lengths.forEach((length, symbol) => {
    symbols[next[length]!++] = symbol;
  });
  huffman = { firstCode, count, offset, symbols };
  return huffman;
}

/** Decodes a Huffman-coded string literal (§5.2); throws on EOS, bad padding or a code left unfinished. */
export function huffmanDecode(input: Uint8Array): Buffer {
  const { firstCode, count, offset, symbols } = huffmanTables();
  const out = Buffer.allocUnsafe(Math.ceil((input.length * 8) / 5));
  let written = 0;
  let code = 0;
  let length = 0;
  for (const byte of input) {
    for (let bit = 7; bit >= 0; bit--) {
      code = (code << 1) | ((byte >> bit) & 1);
      length++;
      const index = code - firstCode[length]!;
      if (index < count[length]!) {
        const symbol = symbols[offset[length]! + index]!;
        if (symbol === 256) throw new Error('HPACK: EOS in a Huffman-coded string');
        out[written++] = symbol;
        code = 0;
        length = 0;
      } else if (length === 30) {
        throw new Error('HPACK: invalid Huffman code');
      }
    }
  }
  // what is left must be shorter than a byte and all ones (the start of EOS)
  if (length > 7 || code !== (1 << length) - 1) throw new Error('HPACK: invalid Huffman padding');
  return out.subarray(0, written);
}

/** A header field as decoded: name and value, both as Latin-1 text (octets kept as they are). */
export type HeaderField = [name: string, value: string];

/** Octets a table entry counts for (§4.1). */
function entrySize(name: string, value: string): number {
  return name.length + value.length + 32;
}

/** One connection's decoding context: the dynamic table lives as long as the connection. */
export class HpackDecoder {
  /** newest first */
  private readonly dynamic: HeaderField[] = [];
  private size = 0;
  private maxSize: number;

  /** `maxTableSize`: the SETTINGS_HEADER_TABLE_SIZE this side announced (4096 unless changed). */
  constructor(private readonly maxTableSize = 4096) {
    this.maxSize = maxTableSize;
  }

  /** Decodes one complete header block; throws on anything malformed (a connection error). */
  decode(block: Uint8Array): HeaderField[] {
    const fields: HeaderField[] = [];
    let at = 0;
    const integer = (prefixBits: number): number => {
      const mask = (1 << prefixBits) - 1;
      let value = block[at++]! & mask;
      if (value < mask) return value;
      for (let shift = 0; ; shift += 7) {
        if (at >= block.length || shift > 28) throw new Error('HPACK: bad integer');
        const b = block[at++]!;
        value += (b & 0x7f) * 2 ** shift;
        if ((b & 0x80) === 0) return value;
      }
    };
    const string = (): string => {
      if (at >= block.length) throw new Error('HPACK: truncated string');
      const huffmanCoded = (block[at]! & 0x80) !== 0;
      const length = integer(7);
      if (at + length > block.length) throw new Error('HPACK: truncated string');
      const raw = block.subarray(at, at + length);
      at += length;
      return (huffmanCoded ? huffmanDecode(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.length)).toString(
        'latin1',
      );
    };
    const entry = (index: number): HeaderField => {
      if (index >= 1 && index <= STATIC_TABLE.length) return [...STATIC_TABLE[index - 1]!] as HeaderField;
      const dynamic = this.dynamic[index - STATIC_TABLE.length - 1];
      if (!dynamic) throw new Error(`HPACK: no table entry ${index}`);
      return [dynamic[0], dynamic[1]];
    };
    while (at < block.length) {
      const first = block[at]!;
      if (first & 0x80) {
        // indexed field (§6.1)
        fields.push(entry(integer(7)));
      } else if (first & 0x40) {
        // literal with incremental indexing (§6.2.1)
        const index = integer(6);
        const name = index === 0 ? string() : entry(index)[0];
        const field: HeaderField = [name, string()];
        fields.push(field);
        this.add(field);
      } else if (first & 0x20) {
        // dynamic table size update (§6.3)
        const size = integer(5);
        if (size > this.maxTableSize) throw new Error(`HPACK: table size ${size} over ${this.maxTableSize}`);
        this.maxSize = size;
        this.evict(0);
      } else {
        // literal without indexing or never indexed (§6.2.2, §6.2.3)
        const index = integer(4);
        const name = index === 0 ? string() : entry(index)[0];
        fields.push([name, string()]);
      }
    }
    return fields;
  }

  private add(field: HeaderField): void {
    const size = entrySize(field[0], field[1]);
    this.evict(size);
    // an entry larger than the table empties it and is not added (§4.4)
    if (size > this.maxSize) return;
    this.dynamic.unshift(field);
    this.size += size;
  }

  /** Evicts the oldest entries until `room` more octets fit. */
  private evict(room: number): void {
    while (this.dynamic.length > 0 && this.size + room > this.maxSize) {
      const [name, value] = this.dynamic.pop()!;
      this.size -= entrySize(name, value);
    }
  }
}

/** Appends an HPACK integer with an N-bit prefix whose high bits are `flags`. */
function pushInteger(out: number[], value: number, prefixBits: number, flags: number): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out.push(flags | value);
    return;
  }
  out.push(flags | max);
  value -= max;
  while (value >= 128) {
    out.push((value % 128) + 128);
    value = Math.floor(value / 128);
  }
  out.push(value);
}

function pushString(out: number[], text: string): void {
  const bytes = Buffer.from(text, 'latin1');
  pushInteger(out, bytes.length, 7, 0);
  for (const b of bytes) out.push(b);
}

/** A header block of literal fields without indexing, names and values as they are (no Huffman). */
export function encodeHeaders(fields: readonly HeaderField[]): Buffer {
  const out: number[] = [];
  for (const [name, value] of fields) {
    out.push(0);
    pushString(out, name);
    pushString(out, value);
  }
  return Buffer.from(out);
}
