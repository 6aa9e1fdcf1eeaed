/**
 * go-yaml v2's node tree for the first document of a text, built as `yaml.Unmarshal` builds it
 * (decode.go's parser): the events of one document, anchors recorded as their nodes start, an alias
 * to an anchor not (yet) seen refused. Later documents are never read, though the scanner may look
 * a token past the first one's end, as go-yaml's does.
 */
import { EventType, GoYamlParser, type YamlEvent } from './parser.js';
import { GoYamlSyntaxError, type GoYamlVersion, type ScalarStyle } from './tokens.js';

export interface GoYamlScalarNode {
  kind: 'scalar';
  line: number;
  tag: string;
  value: string;
  /** plain and untagged: its type comes from its text */
  implicit: boolean;
  style: ScalarStyle;
}
export interface GoYamlSequenceNode {
  kind: 'sequence';
  line: number;
  tag: string;
  items: GoYamlNode[];
}
export interface GoYamlMappingNode {
  kind: 'mapping';
  line: number;
  tag: string;
  /** keys and values, alternating */
  items: GoYamlNode[];
}
export interface GoYamlAliasNode {
  kind: 'alias';
  line: number;
  name: string;
  target: GoYamlNode;
}
export type GoYamlNode = GoYamlScalarNode | GoYamlSequenceNode | GoYamlMappingNode | GoYamlAliasNode;

/** Go's encoding/json refuses input nested deeper than this. */
const JSON_MAX_DEPTH = 10000;

class Composer {
  /** The first collection nested deeper than JSON allows, if any: `[` or `{`. */
  tooDeep: '[' | '{' | undefined;
  private event: YamlEvent | undefined;
  private readonly anchors = new Map<string, GoYamlNode>();

  constructor(private readonly parser: GoYamlParser) {}

  private peek(): EventType {
    this.event ??= this.parser.next();
    if (this.event === undefined)
      throw new GoYamlSyntaxError('attempted to go past the end of stream; corrupted value?', 'composer');
    return this.event.type;
  }

  private take(type: EventType): YamlEvent {
    this.peek();
    const event = this.event as YamlEvent;
    if (event.type === EventType.StreamEnd && type !== EventType.StreamEnd) {
      throw new GoYamlSyntaxError('attempted to go past the end of stream; corrupted value?', 'composer');
    }
    this.event = undefined;
    return event;
  }

  firstDocument(): GoYamlNode | null {
    this.take(EventType.StreamStart);
    return this.nextDocument();
  }

  /** The next document's root, or null at the end of the stream. */
  nextDocument(): GoYamlNode | null {
    if (this.peek() === EventType.StreamEnd) return null;
    this.take(EventType.DocumentStart);
    this.anchors.clear();
    const root = this.node();
    this.take(EventType.DocumentEnd);
    return root;
  }

  /**
   * One node and everything under it. Iterative (an explicit stack of open collections), so nesting
   * as deep as go-yaml allows (10,000 levels) does not exhaust JavaScript's stack.
   */
  private node(): GoYamlNode {
    const open: Array<GoYamlSequenceNode | GoYamlMappingNode> = [];
    for (;;) {
      const type = this.peek();
      const event = this.event as YamlEvent;
      const line = event.start.line;
      let done: GoYamlNode | undefined;
      switch (type) {
        case EventType.Alias: {
          const name = event.anchor ?? '';
          const target = this.anchors.get(name);
          if (target === undefined) throw new GoYamlSyntaxError(`unknown anchor '${name}' referenced`, 'composer');
          this.take(EventType.Alias);
          done = { kind: 'alias', line, name, target };
          break;
        }
        case EventType.Scalar: {
          done = {
            kind: 'scalar',
            line,
            tag: event.tag ?? '',
            value: event.value ?? '',
            implicit: event.implicit === true,
            style: event.style as ScalarStyle,
          };
          this.anchor(event, done);
          this.take(EventType.Scalar);
          break;
        }
        case EventType.SequenceStart:
        case EventType.MappingStart: {
          const node: GoYamlSequenceNode | GoYamlMappingNode = {
            kind: type === EventType.SequenceStart ? 'sequence' : 'mapping',
            line,
            tag: event.tag ?? '',
            items: [],
          } as GoYamlSequenceNode | GoYamlMappingNode;
          this.anchor(event, node);
          this.take(type);
          open.push(node);
          if (open.length > JSON_MAX_DEPTH) this.tooDeep ??= node.kind === 'sequence' ? '[' : '{';
          break;
        }
        case EventType.SequenceEnd:
        case EventType.MappingEnd:
          this.take(type);
          done = open.pop();
          break;
        default:
          throw new GoYamlSyntaxError(`attempted to parse unknown event: ${EventType[type]}`, 'composer');
      }
      if (done === undefined) continue;
      const parent = open[open.length - 1];
      if (parent === undefined) return done;
      parent.items.push(done);
    }
  }

  private anchor(event: YamlEvent, node: GoYamlNode): void {
    if (event.anchor !== undefined) this.anchors.set(event.anchor, node);
  }
}

/**
 * The first document's node tree as go-yaml v2 builds it (null when the text holds no document).
 * Throws GoYamlSyntaxError with go-yaml's problem; its `goMessage` is the text go-yaml's error has
 * after `yaml: `.
 */
export function composeGoYaml(text: string, version: GoYamlVersion = 'v2.2'): GoYamlNode | null {
  return composeWithDepth(text, version).root;
}

/** composeGoYaml, and the bracket of the first collection nested deeper than Go's JSON allows. */
export function composeWithDepth(
  text: string,
  version: GoYamlVersion,
): { root: GoYamlNode | null; tooDeep: '[' | '{' | undefined } {
  // go-yaml reads an empty input as a single line break
  const composer = new Composer(new GoYamlParser(text === '' ? '\n' : text, version));
  const root = composer.firstDocument();
  return { root, tooDeep: composer.tooDeep };
}

/**
 * Every document's node tree, as go-yaml v2's Decoder reads a stream document after document (a
 * document that is only `---` is a null scalar). Throws GoYamlSyntaxError at the first problem.
 * `firstOnly` stops after the first document, as `yaml.Unmarshal` does.
 */
export function composeGoYamlDocuments(text: string, version: GoYamlVersion = 'v2.2', firstOnly = false): GoYamlNode[] {
  const composer = new Composer(new GoYamlParser(text === '' ? '\n' : text, version));
  const documents: GoYamlNode[] = [];
  let root = composer.firstDocument();
  while (root !== null) {
    documents.push(root);
    if (firstOnly) break;
    root = composer.nextDocument();
  }
  return documents;
}

/**
 * go-yaml v2's syntax error for the text, as `yaml.Unmarshal` reports it without the `yaml: `
 * prefix (`line 3: could not find expected ':'`), or undefined when go-yaml reads its first document.
 */
export function goYamlSyntaxError(text: string, version: GoYamlVersion = 'v2.2'): string | undefined {
  try {
    composeGoYaml(text, version);
    return undefined;
  } catch (e) {
    if (e instanceof GoYamlSyntaxError) return e.goMessage;
    throw e;
  }
}
