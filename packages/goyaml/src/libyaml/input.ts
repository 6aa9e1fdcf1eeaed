/**
 * The text as go-yaml's reader hands it to the scanner: a leading byte-order mark dropped, one code
 * point per slot, and zeros past the end (go-yaml's end-of-input marker).
 *
 * go-yaml decodes its input in 512-byte pieces, checking each character as it goes, and refuses a
 * control character (`control characters are not allowed`, with no line) when the piece holding it
 * is decoded: before any scanner error further on in the text, but after one in an earlier piece.
 * `ensure` reproduces that order: the scanner asks for characters ahead of its position as go-yaml's
 * does, and the reader "decodes" the pieces those requests reach.
 */
export class GoYamlReaderError extends Error {}

/** go-yaml v2's raw input buffer size: how far one read reaches, in bytes. */
const RAW_BUFFER_SIZE = 512;
/** Zeros after the text, so look-ahead of a few characters never leaves the array. */
const PADDING = 8;

/** Whether go-yaml's reader accepts code point c (YAML 1.1's printable set, tab and line breaks). */
function isAllowed(c: number): boolean {
  return (
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

function utf8Length(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

export class GoYamlInput {
  /** Code points, then PADDING zeros. */
  readonly chars: Int32Array;
  /** Number of code points of the text (without the byte-order mark). */
  readonly length: number;
  /** Index of the first character go-yaml's reader refuses, or -1. */
  private readonly refusedAt: number;
  /** Characters decoded so far, and the bytes (of the original UTF-8 text) they took. */
  private decodedChars = 0;
  private decodedBytes = 0;
  /** Where go-yaml's working buffer starts (see bomAtBufferStart). */
  private bufferStart = 0;
  /** End-of-input zeros go-yaml has appended to its buffer so far. */
  private endMarkers = 0;

  constructor(text: string) {
    const chars = new Int32Array(text.length + PADDING);
    let n = 0;
    let refusedAt = -1;
    // a leading byte-order mark is go-yaml's encoding detection, not text
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.decodedBytes = i === 1 ? 3 : 0;
    for (; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      if (refusedAt < 0 && !isAllowed(c)) refusedAt = n;
      chars[n++] = c;
    }
    this.chars = chars;
    this.length = n;
    this.refusedAt = refusedAt;
    // the first read takes 512 bytes, the byte-order mark among them
    this.decodeUpTo(RAW_BUFFER_SIZE);
  }

  /**
   * go-yaml's cache(): makes characters [pos, pos + n) available, decoding further pieces of the
   * input when they are not yet; throws the reader's error when a piece it decodes holds a refused
   * character.
   */
  ensure(pos: number, n: number): void {
    if (pos + n <= this.decodedChars + this.endMarkers) return;
    // go-yaml moves what is left to the front of its working buffer, then decodes more
    this.bufferStart = pos;
    while (pos + n > this.decodedChars && this.decodedChars < this.length) {
      this.decodeUpTo(this.decodedBytes + RAW_BUFFER_SIZE);
    }
    // at the end of the input, each refill adds one zero (go-yaml counts it as read ahead)
    if (this.decodedChars === this.length && pos + n > this.decodedChars + this.endMarkers) this.endMarkers++;
  }

  /**
   * go-yaml's is_bom looks at the first character of its working buffer, not at the position (a
   * slip in its port of libyaml): the character where the buffer was last refilled.
   */
  bomAtBufferStart(): boolean {
    return this.chars[this.bufferStart] === 0xfeff;
  }

  /** Decodes whole characters while they end at or before byte `limit`. */
  private decodeUpTo(limit: number): void {
    let chars = this.decodedChars;
    let bytes = this.decodedBytes;
    if (this.refusedAt < 0 && (this.length - chars) * 4 <= limit - bytes) {
      // even at four bytes each, what is left fits: no need to count them
      this.decodedChars = this.length;
      this.decodedBytes = bytes + (this.length - chars) * 4;
      return;
    }
    while (chars < this.length) {
      const width = utf8Length(this.chars[chars]);
      if (bytes + width > limit) break;
      if (chars === this.refusedAt) throw new GoYamlReaderError('control characters are not allowed');
      bytes += width;
      chars++;
    }
    this.decodedChars = chars;
    this.decodedBytes = bytes;
  }
}
