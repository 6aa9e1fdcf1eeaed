import {
  composeGoYamlDocuments,
  exceedsAliasBudget,
  GoYamlSyntaxError,
  type GoYamlNode,
  type GoYamlVersion,
} from '@helmts/goyaml';
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

const MERGE_TAG = 'tag:yaml.org,2002:merge';

/**
 * go-yaml v2's decoding of a node tree into interface{} values (decode.go), kept as typed YamlNodes:
 * scalars typed by YAML 1.1's rules, merge keys applied, aliases expanded within go-yaml's budget.
 * Its errors are go-yaml's (`yaml: ...`, without a line, as go-yaml gives them).
 */
class DocumentConverter {
  // the document node counts as go-yaml's first decoded node
  private decodeCount = 1;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<GoYamlNode>();

  constructor(private readonly limits: Required<YamlReadLimits>) {}

  private fail(message: string, line?: number): never {
    throw new YamlReadError(line ? `yaml: line ${line}: ${message}` : `yaml: ${message}`, line);
  }

  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.decodeCount > this.limits.maxNodes)
      this.fail(`document expands to more than ${this.limits.maxNodes} nodes`);
    if (exceedsAliasBudget(this.decodeCount, this.aliasCount)) this.fail('document contains excessive aliasing');
  }

  convert(node: GoYamlNode, depth: number): YamlNode {
    // this converter recurses: deeper input is refused before the stack runs out
    if (depth > this.limits.maxDepth) this.fail(`exceeded max depth of ${this.limits.maxDepth}`, node.line + 1);
    this.count();
    switch (node.kind) {
      case 'alias':
        return this.expandAlias(node, depth);
      case 'scalar':
        if (node.tag !== '' && node.tag !== '!') {
          try {
            return resolveTaggedScalar(node.tag, node.value);
          } catch (e) {
            return this.fail((e as Error).message);
          }
        }
        return node.implicit ? resolvePlainScalar(node.value) : node.value;
      case 'sequence':
        return node.items.map((item) => this.convert(item, depth + 1));
      case 'mapping': {
        const out = new YamlMap();
        for (let i = 0; i < node.items.length; i += 2) {
          const key = node.items[i];
          if (key.kind === 'scalar' && key.value === '<<' && (key.implicit || key.tag === MERGE_TAG)) {
            this.mergeInto(out, node.items[i + 1], depth);
            continue;
          }
          const k = this.convert(key, depth + 1);
          if (k !== null && typeof k === 'object' && !('value' in k)) {
            this.fail('invalid map key: a collection cannot be a key');
          }
          out.entries.push([k, this.convert(node.items[i + 1], depth + 1)]);
        }
        return out;
      }
    }
  }

  private expandAlias(alias: GoYamlNode & { kind: 'alias' }, depth: number): YamlNode {
    if (this.expanding.has(alias)) this.fail(`anchor '${alias.name}' value contains itself`);
    this.expanding.add(alias);
    this.aliasDepth++;
    try {
      return this.convert(alias.target, depth + 1);
    } finally {
      this.aliasDepth--;
      this.expanding.delete(alias);
    }
  }

  /** `<<: *a` / `<<: [*a, *b]`: entries are applied in place, earlier sequence items taking precedence. */
  private mergeInto(out: YamlMap, value: GoYamlNode, depth: number): void {
    const wantMap = (): never => this.fail('map merge requires map or sequence of maps as the value');
    const mergeOne = (n: GoYamlNode) => {
      const converted = this.convert(n, depth + 1);
      if (!(converted instanceof YamlMap)) wantMap();
      out.entries.push(...(converted as YamlMap).entries);
    };
    const resolved = value.kind === 'alias' ? value.target : value;
    if (resolved.kind === 'mapping') mergeOne(value);
    else if (value.kind === 'sequence') {
      for (let i = value.items.length - 1; i >= 0; i--) mergeOne(value.items[i]);
    } else wantMap();
  }
}

/**
 * Reads YAML as go-yaml v2 (through sigs.k8s.io/yaml) does: go-yaml's own syntax (@helmts/goyaml's
 * port of its scanner and parser, so a text is refused exactly when Helm refuses it, with the same
 * words and line), YAML 1.1 scalars, duplicate keys allowed (last wins), merge keys, aliases
 * expanded (bounded). Returns one node per document. `version` picks the go-yaml whose syntax
 * errors to give: v2.2 (Helm 2) or v2.4 (Helm 3 and 4).
 */
export function readYamlDocuments(
  text: string,
  limits: YamlReadLimits = {},
  firstOnly = false,
  version: GoYamlVersion = 'v2.2',
): YamlNode[] {
  const lim = { ...DEFAULT_YAML_LIMITS, ...limits };
  let documents: GoYamlNode[];
  try {
    documents = composeGoYamlDocuments(text, version, firstOnly);
  } catch (e) {
    if (!(e instanceof GoYamlSyntaxError)) throw e;
    const line = /^line (\d+): /.exec(e.goMessage)?.[1];
    throw new YamlReadError(`yaml: ${e.goMessage}`, line === undefined ? undefined : Number(line));
  }
  return documents.map((root) => new DocumentConverter(lim).convert(root, 0));
}

/** The first document only, as yaml.Unmarshal reads it (an empty stream is `null`). */
export function readYamlFirstDocument(
  text: string,
  limits: YamlReadLimits = {},
  version: GoYamlVersion = 'v2.2',
): YamlNode {
  // go-yaml's Unmarshal stops after the first document; later ones are not even checked
  const docs = readYamlDocuments(text, limits, true, version);
  return docs.length > 0 ? docs[0] : null;
}
