/**
 * A block-style YAML emitter that reproduces go-yaml v2 (libyaml port) output byte for byte for the
 * documents go-yaml's Marshal produces: default indent 2, line width 80, unicode output, block
 * collections except for empty ones, which are written in flow style ({} / []).
 *
 * The state (column, indent stack, whitespace/indention flags) mirrors libyaml's emitter because
 * line folding of long scalars depends on the exact column at which a scalar starts.
 */
import type { YamlNode } from './node.js';
import { canBePlainString } from './resolve.js';
import { formatGoFloatG } from './go-float.js';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = 'plain' | 'single' | 'double' | 'literal';

interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

function isBreak(cp: number): boolean {
  return cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

function isBlankOrEnd(cps: number[], i: number): boolean {
  if (i >= cps.length) return true;
  const c = cps[i];
  return c === 0x20 || c === 0x09 || isBreak(c) || c === 0;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function analyzeScalar(cps: number[]): ScalarAnalysis {
  if (cps.length === 0) {
    return {
      multiline: false,
      flowPlainAllowed: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  if (
    cps.length >= 3 &&
    ((cps[0] === 0x2d && cps[1] === 0x2d && cps[2] === 0x2d) || (cps[0] === 0x2e && cps[1] === 0x2e && cps[2] === 0x2e))
  ) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const followedByWhitespace = i + 1 >= cps.length || cps[i + 1] === 0x20 || cps[i + 1] === 0x09;
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '-') {
        if (followedByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }
    } else {
      if (',?[]{}'.includes(ch)) {
        flowIndicators = true;
      } else if (ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '#') {
        if (precededByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i + 1 === cps.length) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i + 1 === cps.length) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(cps, i);
  }
  const a: ScalarAnalysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

interface Context {
  root: boolean;
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

const HEX = '0123456789ABCDEF';

/** Scalars that analyzeScalar would allow plain everywhere and that contain no space to fold at. */
const SIMPLE_PLAIN = /^[A-Za-z0-9_/(+=$^~;<\\][\x21-\x7e]*$/;

/** `'\n'` followed by n spaces, for the usual line starts. */
const BREAK_AND_INDENT = Array.from({ length: 32 }, (_, n) => '\n' + ' '.repeat(n));
const SPACES = Array.from({ length: 32 }, (_, n) => ' '.repeat(n));

/**
 * Emits one document; call `emitDocument` once per instance. Output pieces are collected in an
 * array and joined once, so writing a character does not allocate a new string.
 */
export class GoYamlEmitter {
  private readonly out: string[] = [];
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;

  emitDocument(node: YamlNode): string {
    this.emitNode(node, { root: true, sequence: false, mapping: false, simpleKey: false });
    // document end (implicit): a final line break
    this.writeIndent();
    return this.out.join('');
  }

  private put(s: string): void {
    this.out.push(s);
    this.column += 1;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) {
      this.indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      this.indent += BEST_INDENT;
    }
  }

  private popIndent(): void {
    this.indent = this.indents.pop() as number;
  }

  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.out.push(indent < BREAK_AND_INDENT.length ? BREAK_AND_INDENT[indent] : '\n' + ' '.repeat(indent));
      this.column = indent;
    } else if (this.column < indent) {
      const n = indent - this.column;
      this.out.push(n < SPACES.length ? SPACES[n] : ' '.repeat(n));
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    // indicators are single ASCII characters: one column each
    this.out.push(indicator);
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private emitNode(node: YamlNode, ctx: Context): void {
    switch (node.kind) {
      case 'null':
        return this.emitScalar('null', 'plain', ctx);
      case 'bool':
        return this.emitScalar(node.value ? 'true' : 'false', 'plain', ctx);
      case 'int':
        return this.emitScalar(node.text, 'plain', ctx);
      case 'float': {
        let s = formatGoFloatG(node.value);
        if (s === '+Inf') s = '.inf';
        else if (s === '-Inf') s = '-.inf';
        else if (s === 'NaN') s = '.nan';
        return this.emitScalar(s, 'plain', ctx);
      }
      case 'str':
        return this.emitString(node.value, ctx);
      case 'seq':
        return this.emitSequence(node.items, ctx);
      case 'map':
        return this.emitMapping(node.entries, ctx);
    }
  }

  /** go-yaml's encoder.stringv: literal for multi-line, plain when unambiguous, else double quotes. */
  private emitString(s: string, ctx: Context): void {
    let style: Style;
    if (s.includes('\n')) style = 'literal';
    else if (canBePlainString(s)) style = 'plain';
    else style = 'double';
    this.emitScalar(s, style, ctx);
  }

  private emitScalar(value: string, requested: Style, ctx: Context): void {
    if (requested === 'plain' && SIMPLE_PLAIN.test(value) && !value.endsWith(':')) {
      // printable ASCII without blanks or indicators: plain in any context, never folded
      if (!this.whitespace) this.put(' ');
      this.out.push(value);
      this.column += value.length;
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const cps = Array.from(value, (ch) => ch.codePointAt(0) as number);
    const analysis = analyzeScalar(cps);
    const style = this.selectStyle(value, requested, analysis, ctx);
    this.increaseIndent(true, false);
    switch (style) {
      case 'plain':
        this.writePlain(cps, !ctx.simpleKey);
        break;
      case 'single':
        this.writeSingleQuoted(cps, !ctx.simpleKey);
        break;
      case 'double':
        this.writeDoubleQuoted(cps, !ctx.simpleKey);
        break;
      case 'literal':
        this.writeLiteral(cps);
        break;
    }
    this.popIndent();
  }

  private selectStyle(value: string, requested: Style, a: ScalarAnalysis, ctx: Context): Style {
    let style = requested;
    if (ctx.simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed))
        style = 'single';
      if (value.length === 0 && (this.flowLevel > 0 || ctx.simpleKey)) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || ctx.simpleKey)) style = 'double';
    return style;
  }

  private writePlain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.put(' ');
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) {
      this.putBreak();
    } else {
      this.out.push(String.fromCodePoint(c));
      this.column = 0;
    }
  }

  private writeSingleQuoted(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.put(' ');
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(cps: number[], allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    const startsWithBom = cps[0] === 0xfeff;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (!isPrintable(c) || startsWithBom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        switch (c) {
          case 0x00:
            this.put('0');
            break;
          case 0x07:
            this.put('a');
            break;
          case 0x08:
            this.put('b');
            break;
          case 0x09:
            this.put('t');
            break;
          case 0x0a:
            this.put('n');
            break;
          case 0x0b:
            this.put('v');
            break;
          case 0x0c:
            this.put('f');
            break;
          case 0x0d:
            this.put('r');
            break;
          case 0x1b:
            this.put('e');
            break;
          case 0x22:
            this.put('"');
            break;
          case 0x5c:
            this.put('\\');
            break;
          case 0x85:
            this.put('N');
            break;
          case 0xa0:
            this.put('_');
            break;
          case 0x2028:
            this.put('L');
            break;
          case 0x2029:
            this.put('P');
            break;
          default: {
            let width: number;
            if (c <= 0xff) {
              this.put('x');
              width = 2;
            } else if (c <= 0xffff) {
              this.put('u');
              width = 4;
            } else {
              this.put('U');
              width = 8;
            }
            for (let k = (width - 1) * 4; k >= 0; k -= 4) this.put(HEX[(c >> k) & 0x0f]);
          }
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else {
          this.put(' ');
        }
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c));
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeBlockScalarHints(cps: number[]): void {
    if (cps.length > 0 && (cps[0] === 0x20 || isBreak(cps[0]))) {
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    }
    let chomp = '';
    if (cps.length === 0) {
      chomp = '-';
    } else {
      const last = cps.length - 1;
      if (!isBreak(cps[last])) chomp = '-';
      else if (last === 0) chomp = '+';
      else if (isBreak(cps[last - 1])) chomp = '+';
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
  }

  private writeLiteral(cps: number[]): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockScalarHints(cps);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(String.fromCodePoint(c));
        this.indention = false;
        breaks = false;
      }
    }
  }

  private emitSequence(items: YamlNode[], ctx: Context): void {
    if (this.flowLevel > 0 || items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
      // only empty sequences are written in flow style
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, { root: false, sequence: true, mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private emitMapping(entries: Array<[string, YamlNode]>, _ctx: Context): void {
    if (this.flowLevel > 0 || entries.length === 0) {
      this.writeIndicator('{', true, true, false);
      this.increaseIndent(true, false);
      this.popIndent();
      this.writeIndicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      if (isSimpleKey(key, value)) {
        this.emitString(key, { root: false, sequence: false, mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitString(key, { root: false, sequence: false, mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(value, { root: false, sequence: false, mapping: true, simpleKey: false });
    }
    this.popIndent();
  }
}

/** libyaml's check_simple_key for a string key: single line and at most 128 bytes. */
function isSimpleKey(key: string, _value: YamlNode): boolean {
  if (
    key.includes('\n') ||
    key.includes('\r') ||
    key.includes('\u0085') ||
    key.includes('\u2028') ||
    key.includes('\u2029')
  )
    return false;
  return utf8Length(key) <= 128;
}
