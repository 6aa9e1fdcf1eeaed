/**
 * go-yaml v2's scanner (its port of libyaml's scanner.c), rewritten in TypeScript so that a text is
 * accepted or refused exactly as Helm accepts or refuses it, with go-yaml's words and line.
 *
 * The structure follows libyaml's on purpose: tokens are fetched into a queue; a "simple key" (a
 * scalar, alias or flow collection that may turn out to be a mapping key) is remembered until a `:`
 * confirms it (a KEY token is then inserted before it) or it goes stale (the line ends, or it grows
 * past 1024 characters); BLOCK-SEQUENCE-START/BLOCK-MAPPING-START/BLOCK-END tokens come from the
 * indentation stack. Which of go-yaml's errors a broken text gets, and on which line, depends on
 * those details, so they are kept, including the ones v2.4 changed (when a stale simple key is
 * noticed: on every token in v2.2, only when it heads the queue in v2.4).
 */
import { GoYamlInput, GoYamlReaderError } from './input.js';
import { GoYamlSyntaxError, ScalarStyle, TokenType, type GoYamlVersion, type Mark, type Token } from './tokens.js';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

function isBreak(c: number): boolean {
  return c === LF || c === CR || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}
function isBreakZ(c: number): boolean {
  return c === 0 || isBreak(c);
}
function isBlankZ(c: number): boolean {
  return c === 0 || c === SPACE || c === TAB || isBreak(c);
}
/** libyaml's "alpha": what anchors, directive names and tag handles are made of. */
function isAlpha(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function hexValue(c: number): number {
  return c <= 0x39 ? c - 0x30 : c <= 0x46 ? c - 0x41 + 10 : c - 0x61 + 10;
}
/** Bytes of a UTF-8 sequence its leading octet announces; 0 when it is no leading octet. */
function utf8Width(octet: number): number {
  if ((octet & 0x80) === 0) return 1;
  if ((octet & 0xe0) === 0xc0) return 2;
  if ((octet & 0xf0) === 0xe0) return 3;
  if ((octet & 0xf8) === 0xf0) return 4;
  return 0;
}

/** Characters that end an anchor or alias name besides blanks and breaks. */
const ANCHOR_END = new Set([...'?:,]}%@`'].map((c) => c.charCodeAt(0)));
/** Characters a tag URI may hold besides libyaml's alpha. */
const URI_CHARS = new Set([..."';/?:@&=+$,.!~*()[]%"].map((c) => c.charCodeAt(0)));
/** Indicators that cannot start a plain scalar (with exceptions for `-`, `?` and `:`). */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
const FLOW_INDICATORS = new Set([...',?[]{}'].map((c) => c.charCodeAt(0)));

const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const ZERO_MARK: Mark = { index: 0, line: 0, column: 0 };

/** What lies between two runs of a flow or plain scalar's text. */
interface ScalarBlanks {
  /** a line break has been met */
  leading: boolean;
  whitespaces: string;
  leadingBreak: string;
  trailingBreaks: string;
}

function newBlanks(): ScalarBlanks {
  return { leading: false, whitespaces: '', leadingBreak: '', trailingBreaks: '' };
}

/**
 * The text the blanks stand for, and the blanks emptied: a single line break folds to a space, more
 * breaks keep all but the first; blanks without a break are kept as they are.
 */
function foldBlanks(blanks: ScalarBlanks): string {
  let text: string;
  if (blanks.leading) {
    text = blanks.leadingBreak.startsWith('\n')
      ? blanks.trailingBreaks === ''
        ? ' '
        : blanks.trailingBreaks
      : blanks.leadingBreak + blanks.trailingBreaks;
    blanks.leadingBreak = '';
    blanks.trailingBreaks = '';
  } else {
    text = blanks.whitespaces;
    blanks.whitespaces = '';
  }
  return text;
}

export class GoYamlScanner {
  private readonly input: GoYamlInput;
  private readonly b: Int32Array;
  private pos = 0;
  private line = 0;
  private column = 0;

  private readonly tokens: Token[] = [];
  private head = 0;
  /** Tokens handed to the parser so far. */
  tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  streamEndProduced = false;

  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  /** v2.4 only: which simple key (index into simpleKeys) belongs to which token number. */
  private readonly simpleKeysByToken = new Map<number, number>();
  private flowLevel = 0;

  constructor(
    text: string,
    private readonly version: GoYamlVersion,
  ) {
    try {
      this.input = new GoYamlInput(text);
    } catch (e) {
      throw this.readerError(e);
    }
    this.b = this.input.chars;
  }

  // ---- reading characters

  private mark(): Mark {
    return { index: this.pos, line: this.line, column: this.column };
  }

  private readerError(e: unknown): unknown {
    return e instanceof GoYamlReaderError ? new GoYamlSyntaxError(e.message, 'reader') : e;
  }

  /** go-yaml's cache(): n characters from the position decoded (see GoYamlInput). */
  private cache(n: number): void {
    try {
      this.input.ensure(this.pos, n);
    } catch (e) {
      throw this.readerError(e);
    }
  }

  private skip(): void {
    this.pos++;
    this.column++;
  }

  private skipLine(): void {
    const c = this.b[this.pos];
    if (c === CR && this.b[this.pos + 1] === LF) {
      this.pos += 2;
    } else if (isBreak(c)) {
      this.pos++;
    } else {
      return;
    }
    this.column = 0;
    this.line++;
  }

  private read(): string {
    const c = this.b[this.pos];
    this.pos++;
    this.column++;
    return String.fromCodePoint(c);
  }

  /** A line break, read as `\n` (CR, LF, CRLF, NEL) or as itself (LS, PS); '' when there is none. */
  private readLine(): string {
    const c = this.b[this.pos];
    let out: string;
    if (c === CR && this.b[this.pos + 1] === LF) {
      out = '\n';
      this.pos += 2;
    } else if (c === CR || c === LF || c === 0x85) {
      out = '\n';
      this.pos++;
    } else if (c === 0x2028 || c === 0x2029) {
      out = String.fromCharCode(c);
      this.pos++;
    } else {
      return '';
    }
    this.column = 0;
    this.line++;
    return out;
  }

  private scannerError(context: Mark, problem: string): GoYamlSyntaxError {
    return new GoYamlSyntaxError(problem, 'scanner', this.mark(), context);
  }

  // ---- the token queue, as the parser sees it

  /** The next token, fetching more when the queue's head may still become a key. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.head].type === TokenType.StreamEnd;
    this.head++;
    if (this.head > 64 && this.head * 2 > this.tokens.length) {
      this.tokens.splice(0, this.head);
      this.head = 0;
    }
  }

  private insertToken(at: number, token: Token): void {
    if (at < 0) this.tokens.push(token);
    else this.tokens.splice(this.head + at, 0, token);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.version === 'v2.2') {
        let needMore = false;
        if (this.head === this.tokens.length) {
          needMore = true;
        } else {
          this.staleSimpleKeys();
          for (const key of this.simpleKeys) {
            if (key.possible && key.tokenNumber === this.tokensParsed) {
              needMore = true;
              break;
            }
          }
        }
        if (!needMore) break;
      } else if (this.head !== this.tokens.length) {
        const index = this.simpleKeysByToken.get(this.tokensParsed);
        if (index === undefined) break;
        const key = this.simpleKeys[index];
        if (key === undefined || !this.simpleKeyIsValid(key)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    this.cache(1);
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    if (this.version === 'v2.2') this.staleSimpleKeys();
    this.unrollIndent(this.column);
    this.cache(4);
    const b = this.b;
    const p = this.pos;
    const c = b[p];
    if (c === 0) return this.fetchStreamEnd();
    if (this.column === 0) {
      if (c === 0x25 /* % */) return this.fetchDirective();
      if (c === 0x2d && b[p + 1] === 0x2d && b[p + 2] === 0x2d && isBlankZ(b[p + 3])) {
        return this.fetchDocumentIndicator(TokenType.DocumentStart);
      }
      if (c === 0x2e && b[p + 1] === 0x2e && b[p + 2] === 0x2e && isBlankZ(b[p + 3])) {
        return this.fetchDocumentIndicator(TokenType.DocumentEnd);
      }
    }
    const next = b[p + 1];
    switch (c) {
      case 0x5b /* [ */:
        return this.fetchFlowCollectionStart(TokenType.FlowSequenceStart);
      case 0x7b /* { */:
        return this.fetchFlowCollectionStart(TokenType.FlowMappingStart);
      case 0x5d /* ] */:
        return this.fetchFlowCollectionEnd(TokenType.FlowSequenceEnd);
      case 0x7d /* } */:
        return this.fetchFlowCollectionEnd(TokenType.FlowMappingEnd);
      case 0x2c /* , */:
        return this.fetchFlowEntry();
    }
    if (c === 0x2d /* - */ && isBlankZ(next)) return this.fetchBlockEntry();
    if (c === 0x3f /* ? */ && (this.flowLevel > 0 || isBlankZ(next))) return this.fetchKey();
    if (c === 0x3a /* : */ && (this.flowLevel > 0 || isBlankZ(next))) return this.fetchValue();
    if (c === 0x2a /* * */) return this.fetchKeyCandidate(() => this.scanAnchor(TokenType.Alias));
    if (c === 0x26 /* & */) return this.fetchKeyCandidate(() => this.scanAnchor(TokenType.Anchor));
    if (c === 0x21 /* ! */) return this.fetchKeyCandidate(() => this.scanTag());
    if (c === 0x7c /* | */ && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === 0x3e /* > */ && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === 0x27 /* ' */) return this.fetchKeyCandidate(() => this.scanFlowScalar(true));
    if (c === 0x22 /* " */) return this.fetchKeyCandidate(() => this.scanFlowScalar(false));
    if (
      !(isBlankZ(c) || INDICATORS.has(c)) ||
      (c === 0x2d && !isBlank(next)) ||
      (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !isBlankZ(next))
    ) {
      return this.fetchKeyCandidate(() => this.scanPlainScalar());
    }
    throw this.scannerError(this.mark(), 'found character that cannot start any token');
  }

  // ---- simple keys

  /** v2.2: every remembered key that can no longer be one is dropped (an error if it had to be). */
  private staleSimpleKeys(): void {
    for (const key of this.simpleKeys) {
      if (key.possible && (key.mark.line < this.line || key.mark.index + 1024 < this.pos)) {
        if (key.required) throw this.scannerError(key.mark, "could not find expected ':'");
        key.possible = false;
      }
    }
  }

  /** v2.4: the same check, for one key, when it is needed. */
  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.line || key.mark.index + 1024 < this.pos) {
      if (key.required) throw this.scannerError(key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = {
      possible: true,
      required,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      mark: this.mark(),
    };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
    if (this.version === 'v2.4') this.simpleKeysByToken.set(key.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key.possible) {
      if (key.required) throw this.scannerError(key.mark, "could not find expected ':'");
      if (this.version === 'v2.4') this.simpleKeysByToken.delete(key.tokenNumber);
    }
    key.possible = false;
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      mark: this.version === 'v2.4' ? this.mark() : ZERO_MARK,
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      throw this.scannerError(
        this.simpleKeys[this.simpleKeys.length - 1].mark,
        `exceeded max depth of ${MAX_FLOW_LEVEL}`,
      );
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop();
      if (this.version === 'v2.4' && last) this.simpleKeysByToken.delete(last.tokenNumber);
    }
  }

  // ---- indentation

  private rollIndent(column: number, tokenNumber: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        throw this.scannerError(
          this.simpleKeys[this.simpleKeys.length - 1].mark,
          `exceeded max depth of ${MAX_INDENTS}`,
        );
      }
      this.insertToken(tokenNumber > -1 ? tokenNumber - this.tokensParsed : -1, { type, start: mark, end: mark });
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const mark = this.mark();
      this.insertToken(-1, { type: TokenType.BlockEnd, start: mark, end: mark });
      this.indent = this.indents.pop() ?? -1;
    }
  }

  // ---- fetching tokens

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: ZERO_MARK });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const mark = this.mark();
    this.insertToken(-1, { type: TokenType.StreamStart, start: mark, end: mark });
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const mark = this.mark();
    this.insertToken(-1, { type: TokenType.StreamEnd, start: mark, end: mark });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.punctuation(type);
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.punctuation(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.punctuation(TokenType.FlowEntry);
  }

  /** A one-character token at the position. */
  private punctuation(type: TokenType): void {
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        throw this.scannerError(this.mark(), 'block sequence entries are not allowed in this context');
      }
      this.rollIndent(this.column, -1, TokenType.BlockSequenceStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.punctuation(TokenType.BlockEntry);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) throw this.scannerError(this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, TokenType.BlockMappingStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.punctuation(TokenType.Key);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    const valid = this.version === 'v2.4' ? this.simpleKeyIsValid(key) : key.possible;
    if (valid) {
      // the remembered scalar was a key after all: KEY goes before it (and BLOCK-MAPPING-START
      // before that when the key opens a new indentation level)
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: TokenType.Key, start: key.mark, end: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, TokenType.BlockMappingStart, key.mark);
      key.possible = false;
      if (this.version === 'v2.4') this.simpleKeysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) {
          throw this.scannerError(this.mark(), 'mapping values are not allowed in this context');
        }
        this.rollIndent(this.column, -1, TokenType.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.punctuation(TokenType.Value);
  }

  /** A token that may turn out to be a mapping key: remembered as a simple key, then scanned. */
  private fetchKeyCandidate(scan: () => Token): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, scan());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  // ---- scanning

  /** Blanks, comments and line breaks up to the next token. */
  private scanToNextToken(): void {
    const b = this.b;
    for (;;) {
      this.cache(1);
      // go-yaml tests the buffer's first character, then skips the current one (see GoYamlInput)
      if (this.column === 0 && this.input.bomAtBufferStart()) this.skip();
      this.cache(1);
      while (b[this.pos] === SPACE || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && b[this.pos] === TAB)) {
        this.skip();
        this.cache(1);
      }
      if (b[this.pos] === 0x23 /* # */) {
        while (!isBreakZ(b[this.pos])) {
          this.skip();
          this.cache(1);
        }
      }
      if (!isBreak(b[this.pos])) break;
      this.cache(2);
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  private skipBlanks(): void {
    while (isBlank(this.b[this.pos])) {
      this.skip();
      this.cache(1);
    }
  }

  private skipComment(): void {
    if (this.b[this.pos] !== 0x23) return;
    while (!isBreakZ(this.b[this.pos])) {
      this.skip();
      this.cache(1);
    }
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let token: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      token = { type: TokenType.VersionDirective, start, end: this.mark(), major, minor };
    } else if (name === 'TAG') {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      token = { type: TokenType.TagDirective, start, end: this.mark(), value: handle, prefix };
    } else {
      throw this.scannerError(start, 'found unknown directive name');
    }
    this.cache(1);
    this.skipBlanks();
    this.skipComment();
    if (!isBreakZ(this.b[this.pos])) throw this.scannerError(start, 'did not find expected comment or line break');
    if (isBreak(this.b[this.pos])) {
      this.cache(2);
      this.skipLine();
    }
    return token;
  }

  private scanDirectiveName(start: Mark): string {
    this.cache(1);
    let name = '';
    while (isAlpha(this.b[this.pos])) {
      name += this.read();
      this.cache(1);
    }
    if (name === '') throw this.scannerError(start, 'could not find expected directive name');
    if (!isBlankZ(this.b[this.pos])) throw this.scannerError(start, 'found unexpected non-alphabetical character');
    return name;
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    this.cache(1);
    this.skipBlanks();
    const major = this.scanVersionDirectiveNumber(start);
    if (this.b[this.pos] !== 0x2e /* . */) {
      throw this.scannerError(start, "did not find expected digit or '.' character");
    }
    this.skip();
    const minor = this.scanVersionDirectiveNumber(start);
    return [major, minor];
  }

  private scanVersionDirectiveNumber(start: Mark): number {
    this.cache(1);
    let value = 0;
    let length = 0;
    while (isDigit(this.b[this.pos])) {
      length++;
      if (length > 2) throw this.scannerError(start, 'found extremely long version number');
      value = value * 10 + (this.b[this.pos] - 0x30);
      this.skip();
      this.cache(1);
    }
    if (length === 0) throw this.scannerError(start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    this.cache(1);
    this.skipBlanks();
    const handle = this.scanTagHandle(true, start);
    this.cache(1);
    if (!isBlank(this.b[this.pos])) throw this.scannerError(start, 'did not find expected whitespace');
    this.skipBlanks();
    const prefix = this.scanTagUri(true, '', start);
    this.cache(1);
    if (!isBlankZ(this.b[this.pos])) throw this.scannerError(start, 'did not find expected whitespace or line break');
    return [handle, prefix];
  }

  private scanAnchor(type: TokenType.Alias | TokenType.Anchor): Token {
    const start = this.mark();
    this.skip();
    this.cache(1);
    let name = '';
    while (isAlpha(this.b[this.pos])) {
      name += this.read();
      this.cache(1);
    }
    const end = this.mark();
    const c = this.b[this.pos];
    if (name === '' || !(isBlankZ(c) || ANCHOR_END.has(c))) {
      throw this.scannerError(start, 'did not find expected alphabetic or numeric character');
    }
    return { type, start, end, value: name };
  }

  private scanTag(): Token {
    const start = this.mark();
    let handle: string;
    let suffix: string;
    this.cache(2);
    if (this.b[this.pos + 1] === 0x3c /* < */) {
      // a verbatim tag: !<uri>
      handle = '';
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.b[this.pos] !== 0x3e /* > */) throw this.scannerError(start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith('!') && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', start);
      } else {
        // `!foo`: what was read as a handle is the suffix's start, and the handle is `!`
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix === '') [handle, suffix] = ['', '!'];
      }
    }
    this.cache(1);
    if (!isBlankZ(this.b[this.pos])) throw this.scannerError(start, 'did not find expected whitespace or line break');
    return { type: TokenType.Tag, start, end: this.mark(), value: handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    this.cache(1);
    if (this.b[this.pos] !== 0x21 /* ! */) throw this.scannerError(start, "did not find expected '!'");
    let handle = this.read();
    this.cache(1);
    while (isAlpha(this.b[this.pos])) {
      handle += this.read();
      this.cache(1);
    }
    if (this.b[this.pos] === 0x21) {
      handle += this.read();
    } else if (directive && handle !== '!') {
      throw this.scannerError(start, "did not find expected '!'");
    }
    return handle;
  }

  /** A tag's URI part; `head` is a handle already read that is really the URI's start. */
  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let uri = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    this.cache(1);
    for (;;) {
      const c = this.b[this.pos];
      if (!(isAlpha(c) || URI_CHARS.has(c))) break;
      if (c === 0x25 /* % */) uri += this.scanUriEscapes(directive, start);
      else uri += this.read();
      this.cache(1);
      hasTag = true;
    }
    if (!hasTag) throw this.scannerError(start, 'did not find expected tag URI');
    return uri;
  }

  /** `%xx` escapes making up one UTF-8 character. */
  private scanUriEscapes(directive: boolean, start: Mark): string {
    const bytes: number[] = [];
    let remaining = 1024;
    while (remaining > 0) {
      this.cache(3);
      const b = this.b;
      const p = this.pos;
      if (!(b[p] === 0x25 && isHex(b[p + 1]) && isHex(b[p + 2]))) {
        throw this.scannerError(start, 'did not find URI escaped octet');
      }
      const octet = (hexValue(b[p + 1]) << 4) + hexValue(b[p + 2]);
      if (remaining === 1024) {
        remaining = utf8Width(octet);
        if (remaining === 0) throw this.scannerError(start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        throw this.scannerError(start, 'found an incorrect trailing UTF-8 octet');
      }
      bytes.push(octet);
      this.skip();
      this.skip();
      this.skip();
      remaining--;
    }
    return Buffer.from(bytes).toString('utf8');
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    const b = this.b;
    this.skip();
    this.cache(1);
    let chomping = 0;
    let increment = 0;
    if (b[this.pos] === 0x2b /* + */ || b[this.pos] === 0x2d /* - */) {
      chomping = b[this.pos] === 0x2b ? 1 : -1;
      this.skip();
      this.cache(1);
      if (isDigit(b[this.pos])) {
        if (b[this.pos] === 0x30) throw this.scannerError(start, 'found an indentation indicator equal to 0');
        increment = b[this.pos] - 0x30;
        this.skip();
      }
    } else if (isDigit(b[this.pos])) {
      if (b[this.pos] === 0x30) throw this.scannerError(start, 'found an indentation indicator equal to 0');
      increment = b[this.pos] - 0x30;
      this.skip();
      this.cache(1);
      if (b[this.pos] === 0x2b || b[this.pos] === 0x2d) {
        chomping = b[this.pos] === 0x2b ? 1 : -1;
        this.skip();
      }
    }
    this.cache(1);
    this.skipBlanks();
    this.skipComment();
    if (!isBreakZ(b[this.pos])) throw this.scannerError(start, 'did not find expected comment or line break');
    if (isBreak(b[this.pos])) {
      this.cache(2);
      this.skipLine();
    }
    const state = {
      end: this.mark(),
      indent: increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0,
      breaks: '',
    };
    let text = '';
    let leadingBreak = '';
    this.scanBlockScalarBreaks(state, start);
    this.cache(1);
    let leadingBlank = false;
    while (this.column === state.indent && b[this.pos] !== 0) {
      const trailingBlank = isBlank(b[this.pos]);
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith('\n')) {
        // folded: a single line break between two lines becomes a space
        if (state.breaks === '') text += ' ';
      } else {
        text += leadingBreak;
      }
      leadingBreak = '';
      text += state.breaks;
      state.breaks = '';
      leadingBlank = isBlank(b[this.pos]);
      while (!isBreakZ(b[this.pos])) {
        text += this.read();
        this.cache(1);
      }
      this.cache(2);
      leadingBreak = this.readLine();
      this.scanBlockScalarBreaks(state, start);
    }
    if (chomping !== -1) text += leadingBreak;
    if (chomping === 1) text += state.breaks;
    return {
      type: TokenType.Scalar,
      start,
      end: state.end,
      value: text,
      style: literal ? ScalarStyle.Literal : ScalarStyle.Folded,
    };
  }

  /** Empty lines and indentation before a block scalar's next line; settles the indent on the first. */
  private scanBlockScalarBreaks(state: { end: Mark; indent: number; breaks: string }, start: Mark): void {
    const b = this.b;
    state.end = this.mark();
    let maxIndent = 0;
    for (;;) {
      this.cache(1);
      while ((state.indent === 0 || this.column < state.indent) && b[this.pos] === SPACE) {
        this.skip();
        this.cache(1);
      }
      if (this.column > maxIndent) maxIndent = this.column;
      if ((state.indent === 0 || this.column < state.indent) && b[this.pos] === TAB) {
        throw this.scannerError(start, 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(b[this.pos])) break;
      this.cache(2);
      state.breaks += this.readLine();
      state.end = this.mark();
    }
    if (state.indent === 0) state.indent = Math.max(maxIndent, this.indent + 1, 1);
  }

  /** `---` or `...` starting a line, then a blank or the end: a document marker. */
  private atDocumentIndicator(): boolean {
    const b = this.b;
    const p = this.pos;
    return (
      this.column === 0 &&
      ((b[p] === 0x2d && b[p + 1] === 0x2d && b[p + 2] === 0x2d) ||
        (b[p] === 0x2e && b[p + 1] === 0x2e && b[p + 2] === 0x2e)) &&
      isBlankZ(b[p + 3])
    );
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    const b = this.b;
    this.skip();
    let text = '';
    const blanks = newBlanks();
    for (;;) {
      this.cache(4);
      const p = this.pos;
      if (this.atDocumentIndicator()) {
        throw this.scannerError(start, 'found unexpected document indicator');
      }
      if (b[p] === 0) throw this.scannerError(start, 'found unexpected end of stream');
      blanks.leading = false;
      while (!isBlankZ(b[this.pos])) {
        const c = b[this.pos];
        const next = b[this.pos + 1];
        if (single && c === 0x27 && next === 0x27) {
          text += "'";
          this.skip();
          this.skip();
        } else if (single && c === 0x27) {
          break;
        } else if (!single && c === 0x22) {
          break;
        } else if (!single && c === 0x5c /* \ */ && isBreak(next)) {
          // an escaped line break: the text goes on at the next line without it
          this.cache(3);
          this.skip();
          this.skipLine();
          blanks.leading = true;
          break;
        } else if (!single && c === 0x5c) {
          text += this.scanEscape(start);
        } else {
          text += this.read();
        }
        this.cache(2);
      }
      this.cache(1);
      if (b[this.pos] === (single ? 0x27 : 0x22)) break;
      this.scanBlanks(blanks);
      text += foldBlanks(blanks);
    }
    this.skip();
    return {
      type: TokenType.Scalar,
      start,
      end: this.mark(),
      value: text,
      style: single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted,
    };
  }

  private static readonly ESCAPES: Record<number, string> = Object.fromEntries(
    (
      [
        ['0', '\0'],
        ['a', '\x07'],
        ['b', '\b'],
        ['t', '\t'],
        ['\t', '\t'],
        ['n', '\n'],
        ['v', '\v'],
        ['f', '\f'],
        ['r', '\r'],
        ['e', '\x1b'],
        [' ', ' '],
        ['"', '"'],
        ["'", "'"],
        ['\\', '\\'],
        ['N', '\x85'],
        ['_', '\xa0'],
        ['L', '\u2028'],
        ['P', '\u2029'],
      ] as const
    ).map(([k, v]) => [k.charCodeAt(0), v]),
  );

  /** A backslash escape in a double-quoted scalar. */
  private scanEscape(start: Mark): string {
    const kind = this.b[this.pos + 1];
    const simple = GoYamlScanner.ESCAPES[kind];
    const codeLength = kind === 0x78 /* x */ ? 2 : kind === 0x75 /* u */ ? 4 : kind === 0x55 /* U */ ? 8 : 0;
    if (simple === undefined && codeLength === 0) {
      throw this.scannerError(start, 'found unknown escape character');
    }
    this.skip();
    this.skip();
    if (codeLength === 0) return simple;
    this.cache(codeLength);
    let value = 0;
    for (let k = 0; k < codeLength; k++) {
      const c = this.b[this.pos + k];
      if (!isHex(c)) throw this.scannerError(start, 'did not find expected hexdecimal number');
      value = value * 16 + hexValue(c);
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
      throw this.scannerError(start, 'found invalid Unicode character escape code');
    }
    for (let k = 0; k < codeLength; k++) this.skip();
    return String.fromCodePoint(value);
  }

  /**
   * Blanks and line breaks inside a flow or plain scalar: blanks before the first break are kept
   * (they are content if more text follows), the first break and those after it are kept apart for
   * folding. A plain scalar's continuation line may not be indented by a tab (`tabs`).
   */
  private scanBlanks(blanks: ScalarBlanks, tabs?: { indent: number; start: Mark }): void {
    const b = this.b;
    while (isBlank(b[this.pos]) || isBreak(b[this.pos])) {
      if (isBlank(b[this.pos])) {
        if (tabs && blanks.leading && this.column < tabs.indent && b[this.pos] === TAB) {
          throw this.scannerError(tabs.start, 'found a tab character that violates indentation');
        }
        if (!blanks.leading) blanks.whitespaces += this.read();
        else this.skip();
      } else {
        this.cache(2);
        if (!blanks.leading) {
          blanks.whitespaces = '';
          blanks.leadingBreak = this.readLine();
          blanks.leading = true;
        } else {
          blanks.trailingBreaks += this.readLine();
        }
      }
      this.cache(1);
    }
  }

  private scanPlainScalar(): Token {
    const b = this.b;
    const start = this.mark();
    let end = this.mark();
    const indent = this.indent + 1;
    let text = '';
    const blanks = newBlanks();
    for (;;) {
      this.cache(4);
      const p = this.pos;
      if (this.atDocumentIndicator()) {
        break;
      }
      if (b[p] === 0x23 /* # */) break;
      while (!isBlankZ(b[this.pos])) {
        const c = b[this.pos];
        if ((c === 0x3a && isBlankZ(b[this.pos + 1])) || (this.flowLevel > 0 && FLOW_INDICATORS.has(c))) break;
        if (blanks.leading || blanks.whitespaces !== '') {
          text += foldBlanks(blanks);
          blanks.leading = false;
        }
        text += this.read();
        end = this.mark();
        this.cache(2);
      }
      if (!(isBlank(b[this.pos]) || isBreak(b[this.pos]))) break;
      this.cache(1);
      this.scanBlanks(blanks, { indent, start });
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (blanks.leading) this.simpleKeyAllowed = true;
    return { type: TokenType.Scalar, start, end, value: text, style: ScalarStyle.Plain };
  }
}
