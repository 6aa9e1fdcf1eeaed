/**
 * Go text/template lexer. Produces the whole token list up front; a lexical error becomes the last
 * token (T.Error) so the parser reports it when it reaches it, as Go's lazy lexer would.
 */

export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // keywords (Go: > itemKeyword)
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Token {
  type: T;
  val: string;
  pos: number;
  line: number;
}

const keywords: Record<string, T> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

const NO_DELIM = 0;
const DELIM = 1;
const TRIM_DELIM = 2;

const LEFT = '{{';
const RIGHT = '}}';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** isSpace by UTF-16 code unit (NaN past the end is no space). */
function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function isAsciiAlphaNumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

const alnum = /[\p{L}\p{Nd}_]/u;
function isAlphaNumeric(c: string): boolean {
  if (c === '') return false;
  const code = c.charCodeAt(0);
  if (code < 128) return isAsciiAlphaNumeric(code);
  return alnum.test(c);
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s[at] === '-' && isSpace(s[at + 1] ?? '');
}
function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s[at] ?? '') && s[at + 1] === '-';
}

/** Go's %#U of a character: U+007D '}' */
function formatCharU(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

export function lex(input: string, opts: { breakOK: boolean; continueOK: boolean }): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const countLines = (from: number, to: number) => {
    let n = 0;
    if (to - from < 32) {
      // most tokens are short: a plain loop beats indexOf, which may search well past `to`
      for (let i = from; i < to; i++) if (input.charCodeAt(i) === 10) n++;
      return n;
    }
    for (let i = input.indexOf('\n', from); i !== -1 && i < to; i = input.indexOf('\n', i + 1)) n++;
    return n;
  };
  const emit = (type: T, val = input.slice(start, pos)) => {
    tokens.push({ type, val, pos: start, line: startLine });
    line += countLines(start, pos);
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    line += countLines(start, pos);
    start = pos;
    startLine = line;
  };
  const fail = (msg: string): false => {
    tokens.push({ type: T.Error, val: msg, pos: start, line: startLine });
    return false;
  };
  /** At the right delimiter: NO_DELIM, DELIM (`}}`) or TRIM_DELIM (` -}}`). Char codes: runs per character. */
  const atRightDelim = (): number => {
    const c = input.charCodeAt(pos);
    if (c === 125) return input.charCodeAt(pos + 1) === 125 ? DELIM : NO_DELIM;
    if (
      isSpaceCode(c) &&
      input.charCodeAt(pos + 1) === 45 &&
      input.charCodeAt(pos + 2) === 125 &&
      input.charCodeAt(pos + 3) === 125
    )
      return TRIM_DELIM;
    return NO_DELIM;
  };
  const atTerminator = (): boolean => {
    if (pos >= input.length) return true;
    const c = input[pos];
    if (isSpace(c)) return true;
    switch (c) {
      case '.':
      case ',':
      case '|':
      case ':':
      case ')':
      case '(':
        return true;
    }
    return input.startsWith(RIGHT, pos);
  };
  const skipLeadingSpace = () => {
    while (pos < input.length && isSpaceCode(input.charCodeAt(pos))) pos++;
  };
  const nextChar = (): string => {
    if (pos >= input.length) return '';
    const code = input.charCodeAt(pos);
    // not a high surrogate: one code unit (one-character strings below 256 come from V8's cache)
    if (code < 0xd800 || code > 0xdbff) return input[pos++];
    const cp = input.codePointAt(pos)!;
    const c = String.fromCodePoint(cp);
    pos += c.length;
    return c;
  };

  // returns false on error (token already pushed)
  const lexText = (): 'delim' | 'eof' => {
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit(T.Text);
      return 'eof';
    }
    if (x > pos || x > start) {
      pos = x;
      let trimmed = pos;
      if (hasLeftTrimMarker(input, pos + LEFT.length)) {
        while (trimmed > start && isSpace(input[trimmed - 1])) trimmed--;
      }
      if (trimmed > start) {
        tokens.push({ type: T.Text, val: input.slice(start, trimmed), pos: start, line: startLine });
      }
      ignore();
    }
    return 'delim';
  };

  const lexComment = (): boolean => {
    const x = input.indexOf('*/', pos + 2);
    if (x < 0) return fail('unclosed comment');
    pos = x + 2;
    const delimiter = atRightDelim();
    if (delimiter === NO_DELIM) return fail('comment ends before closing delimiter');
    const trim = delimiter === TRIM_DELIM;
    const text = input.slice(start, pos);
    tokens.push({ type: T.Comment, val: text, pos: start, line: startLine });
    if (trim) pos += 2;
    pos += RIGHT.length;
    if (trim) skipLeadingSpace();
    ignore();
    return true;
  };

  const lexQuote = (): boolean => {
    for (;;) {
      const c = nextChar();
      if (c === '\\') {
        const d = nextChar();
        if (d !== '' && d !== '\n') continue;
        return fail('unterminated quoted string');
      }
      if (c === '' || c === '\n') return fail('unterminated quoted string');
      if (c === '"') break;
    }
    emit(T.String);
    return true;
  };
  const lexRawQuote = (): boolean => {
    const x = input.indexOf('`', pos);
    if (x < 0) return fail('unterminated raw quoted string');
    pos = x + 1;
    emit(T.RawString);
    return true;
  };
  const lexChar = (): boolean => {
    for (;;) {
      const c = nextChar();
      if (c === '\\') {
        const d = nextChar();
        if (d !== '' && d !== '\n') continue;
        return fail('unterminated character constant');
      }
      if (c === '' || c === '\n') return fail('unterminated character constant');
      if (c === "'") break;
    }
    emit(T.CharConstant);
    return true;
  };

  const scanDigits = (valid: (c: string) => boolean) => {
    while (pos < input.length && valid(input[pos])) pos++;
  };
  const dec = (c: string) => (c >= '0' && c <= '9') || c === '_';
  const hex = (c: string) => dec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  const oct = (c: string) => (c >= '0' && c <= '7') || c === '_';
  const bin = (c: string) => c === '0' || c === '1' || c === '_';
  const scanNumber = (): boolean => {
    if (input[pos] === '+' || input[pos] === '-') pos++;
    let digits = dec;
    if (input[pos] === '0') {
      const p = input[pos + 1];
      if (p === 'x' || p === 'X') {
        pos += 2;
        digits = hex;
      } else if (p === 'o' || p === 'O') {
        pos += 2;
        digits = oct;
      } else if (p === 'b' || p === 'B') {
        pos += 2;
        digits = bin;
      }
    }
    scanDigits(digits);
    if (input[pos] === '.') {
      pos++;
      scanDigits(digits);
    }
    if (digits === dec && (input[pos] === 'e' || input[pos] === 'E')) {
      pos++;
      if (input[pos] === '+' || input[pos] === '-') pos++;
      scanDigits(dec);
    }
    if (digits === hex && (input[pos] === 'p' || input[pos] === 'P')) {
      pos++;
      if (input[pos] === '+' || input[pos] === '-') pos++;
      scanDigits(dec);
    }
    if (input[pos] === 'i') pos++;
    if (pos < input.length && isAlphaNumeric(input[pos])) {
      pos++;
      return false;
    }
    return true;
  };
  const lexNumber = (): boolean => {
    if (!scanNumber()) return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
    const sign = input[pos];
    if (sign === '+' || sign === '-') {
      // complex: 1+2i
      if (!scanNumber() || input[pos - 1] !== 'i')
        return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
      emit(T.Complex);
    } else {
      emit(T.Number);
    }
    return true;
  };

  /** Moves past letters, digits and underscores (Go's isAlphaNumeric runes). */
  const scanAlphaNumeric = () => {
    while (pos < input.length) {
      const code = input.charCodeAt(pos);
      if (code < 128) {
        if (!isAsciiAlphaNumeric(code)) break;
        pos++;
        continue;
      }
      const ch = String.fromCodePoint(input.codePointAt(pos)!);
      if (!isAlphaNumeric(ch)) break;
      pos += ch.length;
    }
  };
  const lexFieldOrVariable = (type: T.Field | T.Variable): boolean => {
    if (atTerminator()) {
      if (type === T.Variable) emit(T.Variable);
      else emit(T.Dot);
      return true;
    }
    scanAlphaNumeric();
    if (!atTerminator()) {
      const bad = nextChar();
      return fail(`bad character ${formatCharU(bad)}`);
    }
    emit(type);
    return true;
  };
  const lexIdentifier = (): boolean => {
    scanAlphaNumeric();
    if (!atTerminator()) {
      const bad = nextChar();
      return fail(`bad character ${formatCharU(bad)}`);
    }
    const word = input.slice(start, pos);
    const kw = keywords[word];
    if (
      kw !== undefined &&
      Object.prototype.hasOwnProperty.call(keywords, word) &&
      !(kw === T.Break && !opts.breakOK) &&
      !(kw === T.Continue && !opts.continueOK)
    ) {
      emit(kw);
    } else if (word[0] === '.') {
      emit(T.Field);
    } else if (word === 'true' || word === 'false') {
      emit(T.Bool);
    } else {
      emit(T.Identifier);
    }
    return true;
  };

  // returns false to stop (error), true when the action ended
  const lexInsideAction = (): boolean => {
    for (;;) {
      const delimiter = atRightDelim();
      if (delimiter !== NO_DELIM) {
        const trim = delimiter === TRIM_DELIM;
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (trim) {
          pos += 2;
          ignore();
        }
        pos += RIGHT.length;
        emit(T.RightDelim);
        if (trim) {
          skipLeadingSpace();
          ignore();
        }
        return true;
      }
      const c = nextChar();
      if (c === '') return fail('unclosed action');
      if (isSpace(c)) {
        pos -= 1;
        let numSpaces = 0;
        while (pos < input.length && isSpaceCode(input.charCodeAt(pos))) {
          pos++;
          numSpaces++;
        }
        if (hasRightTrimMarker(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
          pos--;
          if (numSpaces === 1) continue;
        }
        emit(T.Space);
        continue;
      }
      let ok = true;
      switch (c) {
        case '=':
          emit(T.Assign);
          break;
        case ':':
          if (nextChar() !== '=') return fail('expected :=');
          emit(T.Declare);
          break;
        case '|':
          emit(T.Pipe);
          break;
        case '"':
          ok = lexQuote();
          break;
        case '`':
          ok = lexRawQuote();
          break;
        case '$':
          ok = lexFieldOrVariable(T.Variable);
          break;
        case "'":
          ok = lexChar();
          break;
        case '.': {
          const d = input[pos];
          if (pos < input.length && (d < '0' || d > '9')) {
            ok = lexFieldOrVariable(T.Field);
            break;
          }
          pos--;
          ok = lexNumber();
          break;
        }
        case '(':
          parenDepth++;
          emit(T.LeftParen);
          break;
        case ')':
          parenDepth--;
          if (parenDepth < 0) return fail('unexpected right paren');
          emit(T.RightParen);
          break;
        default:
          if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
            pos -= 1;
            ok = lexNumber();
            break;
          }
          if (isAlphaNumeric(c)) {
            pos -= c.length;
            ok = lexIdentifier();
            break;
          }
          if (c.charCodeAt(0) < 128 && c >= ' ' && c !== '\x7f') {
            emit(T.Char);
            break;
          }
          return fail(`unrecognized character in action: ${formatCharU(c)}`);
      }
      if (!ok) return false;
    }
  };

  for (;;) {
    if (lexText() === 'eof') break;
    // at left delim
    pos += LEFT.length;
    const trim = hasLeftTrimMarker(input, pos);
    const after = trim ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      if (!lexComment()) return tokens;
      continue;
    }
    emit(T.LeftDelim);
    pos += after;
    ignore();
    parenDepth = 0;
    if (!lexInsideAction()) return tokens;
  }
  tokens.push({ type: T.EOF, val: '', pos, line: startLine });
  return tokens;
}
