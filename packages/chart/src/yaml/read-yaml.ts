import { Alias, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as AstNode } from 'yaml';
import { resolvePlainScalar, resolveTaggedScalar, YamlMap, type YamlNode } from './go-yaml-node.js';

/** Bounds that keep hostile YAML (deep nesting, alias bombs) from exhausting the stack or memory. */
export interface YamlReadLimits {
  /** Deepest nesting of collections accepted (go-yaml accepts 10000; real charts stay under 50). */
  maxDepth?: number;
  /** Most nodes one document may expand to, aliases included. */
  maxNodes?: number;
}

export const DEFAULT_YAML_LIMITS: Required<YamlReadLimits> = { maxDepth: 400, maxNodes: 2_000_000 };

/** A YAML problem; `line` is 1-based when known. The message reads like go-yaml's (`yaml: line N: ...`). */
export class YamlReadError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'YamlReadError';
  }
}

/**
 * Estimates the nesting depth without parsing, so the YAML parser (which recurses) is
 * never handed input deep enough to overflow the stack. Over-estimates are harmless.
 */
function estimateDepth(text: string): { depth: number; line: number } {
  let flow = 0;
  let maxDepth = 0;
  let maxLine = 1;
  const indents: number[] = [];
  let lineNo = 0;
  let inSingle = false;
  let inDouble = false;
  for (const line of text.split('\n')) {
    lineNo++;
    let i = 0;
    if (!inSingle && !inDouble && flow === 0) {
      while (i < line.length && line[i] === ' ') i++;
      if (i < line.length && line[i] !== '#') {
        while (indents.length > 0 && indents[indents.length - 1] >= i) indents.pop();
        indents.push(i);
      }
      // compact nested sequences/mappings on one line: `- - - a`, `- a: b`
      let j = i;
      while (j + 1 < line.length && (line[j] === '-' || line[j] === '?') && line[j + 1] === ' ') {
        indents.push(j + 1);
        j += 2;
        while (j < line.length && line[j] === ' ') j++;
      }
    }
    for (; i < line.length; i++) {
      const c = line[i];
      if (inSingle) {
        if (c === "'") inSingle = false;
        continue;
      }
      if (inDouble) {
        if (c === '\\') i++;
        else if (c === '"') inDouble = false;
        continue;
      }
      const prev = i === 0 ? ' ' : line[i - 1];
      const atTokenStart =
        prev === ' ' || prev === '\t' || prev === '[' || prev === '{' || prev === ',' || prev === ':';
      if (c === '#' && (prev === ' ' || prev === '\t' || i === 0)) break;
      if (c === "'" && atTokenStart) inSingle = true;
      else if (c === '"' && atTokenStart) inDouble = true;
      else if (c === '[' || c === '{') flow++;
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      const depth = flow + indents.length;
      if (depth > maxDepth) {
        maxDepth = depth;
        maxLine = lineNo;
      }
    }
    const depth = flow + indents.length;
    if (depth > maxDepth) {
      maxDepth = depth;
      maxLine = lineNo;
    }
  }
  return { depth: maxDepth, line: maxLine };
}

function lineOf(doc: Document.Parsed, node: AstNode | undefined | null): number | undefined {
  const start = node?.range?.[0];
  if (start === undefined) return undefined;
  let line = 1;
  const src = (doc as unknown as { __source?: string }).__source ?? '';
  for (let i = 0; i < start && i < src.length; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

/** go-yaml v2's alias-expansion policy: a growing share of aliased nodes is tolerated only for small documents. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

class DocumentConverter {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<AstNode>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly limits: Required<YamlReadLimits>,
  ) {}

  private fail(message: string, node?: AstNode | null): never {
    const line = lineOf(this.doc, node);
    throw new YamlReadError(line ? `yaml: line ${line}: ${message}` : `yaml: ${message}`, line);
  }

  private count(node: AstNode | null | undefined): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.decodeCount > this.limits.maxNodes)
      this.fail(`document expands to more than ${this.limits.maxNodes} nodes`, node);
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      this.fail('document contains excessive aliasing', node);
    }
  }

  convert(node: unknown, depth: number): YamlNode {
    if (depth > this.limits.maxDepth) this.fail(`exceeded max depth of ${this.limits.maxDepth}`, node as AstNode);
    if (node === null || node === undefined) {
      this.count(null);
      return null;
    }
    if (isAlias(node)) return this.expandAlias(node, depth);
    const ast = node as AstNode;
    this.count(ast);
    if (isScalar(ast)) {
      const text = String(ast.value ?? '');
      if (ast.tag && ast.tag !== '!') {
        try {
          return resolveTaggedScalar(ast.tag, text);
        } catch (e) {
          this.fail((e as Error).message, ast);
        }
      }
      if (ast.type === 'PLAIN' && !ast.tag) return resolvePlainScalar(text);
      return text;
    }
    if (isSeq(ast)) return ast.items.map((item) => this.convert(item, depth + 1));
    if (isMap(ast)) {
      const out = new YamlMap();
      for (const pair of ast.items) {
        const key = pair.key as AstNode | null;
        if (isScalar(key) && key.type === 'PLAIN' && !key.tag && key.value === '<<') {
          this.mergeInto(out, pair.value as AstNode, depth);
          continue;
        }
        const k = this.convert(key, depth + 1);
        if (k !== null && typeof k === 'object' && !('value' in k))
          this.fail('invalid map key: a collection cannot be a key', key);
        out.entries.push([k, this.convert(pair.value, depth + 1)]);
      }
      return out;
    }
    return this.fail('unsupported YAML node', ast);
  }

  private expandAlias(alias: Alias, depth: number): YamlNode {
    const target = alias.resolve(this.doc) as AstNode | undefined;
    if (!target) this.fail(`unknown anchor '${alias.source}' referenced`, alias as unknown as AstNode);
    if (this.expanding.has(target))
      this.fail(`anchor '${alias.source}' value contains itself`, alias as unknown as AstNode);
    this.expanding.add(target);
    this.aliasDepth++;
    try {
      return this.convert(target, depth + 1);
    } finally {
      this.aliasDepth--;
      this.expanding.delete(target);
    }
  }

  /** `<<: *a` / `<<: [*a, *b]`: entries are applied in place, earlier sequence items taking precedence. */
  private mergeInto(out: YamlMap, value: AstNode | null, depth: number): void {
    const wantMap = (): never => this.fail('map merge requires map or sequence of maps as the value', value);
    const mergeOne = (n: unknown) => {
      const converted = this.convert(n, depth + 1);
      if (!(converted instanceof YamlMap)) wantMap();
      out.entries.push(...(converted as YamlMap).entries);
    };
    const resolved = isAlias(value) ? value.resolve(this.doc) : value;
    if (isMap(resolved)) mergeOne(value);
    else if (isSeq(value)) {
      for (let i = value.items.length - 1; i >= 0; i--) mergeOne(value.items[i]);
    } else wantMap();
  }
}

function toYamlError(doc: Document.Parsed, err: { message: string; linePos?: Array<{ line: number }> }): YamlReadError {
  const line = err.linePos?.[0]?.line;
  const first = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return new YamlReadError(line ? `yaml: line ${line}: ${first}` : `yaml: ${first}`, line);
}

/**
 * Reads YAML as go-yaml v2 (through sigs.k8s.io/yaml) does: YAML 1.1 scalars, duplicate keys
 * allowed (last wins), merge keys, aliases expanded (bounded). Returns one node per document.
 */
export function readYamlDocuments(text: string, limits: YamlReadLimits = {}, firstOnly = false): YamlNode[] {
  const lim = { ...DEFAULT_YAML_LIMITS, ...limits };
  const est = estimateDepth(text);
  if (est.depth > lim.maxDepth) {
    throw new YamlReadError(`yaml: line ${est.line}: exceeded max depth of ${lim.maxDepth}`, est.line);
  }
  const parsed = parseAllDocuments(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    merge: false,
    strict: false,
    prettyErrors: true,
    keepSourceTokens: false,
  });
  const docs = Array.isArray(parsed) ? parsed : [];
  const out: YamlNode[] = [];
  for (const doc of docs) {
    (doc as unknown as { __source?: string }).__source = text;
    if (doc.errors.length > 0) throw toYamlError(doc, doc.errors[0] as never);
    out.push(new DocumentConverter(doc, lim).convert(doc.contents, 0));
    if (firstOnly) break;
  }
  return out;
}

/** The first document only, as yaml.Unmarshal reads it (an empty stream is `null`). */
export function readYamlFirstDocument(text: string, limits: YamlReadLimits = {}): YamlNode {
  // go-yaml's Unmarshal stops after the first document; later ones are not even checked
  const docs = readYamlDocuments(text, limits, true);
  return docs.length > 0 ? docs[0] : null;
}
