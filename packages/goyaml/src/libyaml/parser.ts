/**
 * go-yaml v2's parser (libyaml's parser.c): the token stream from GoYamlScanner becomes events
 * (stream, document, mapping and sequence starts and ends, scalars, aliases), through the same
 * state machine, so a broken text fails at the same token with the same words.
 */
import { GoYamlScanner } from './scanner.js';
import { GoYamlSyntaxError, ScalarStyle, TokenType, type GoYamlVersion, type Mark, type Token } from './tokens.js';

export enum EventType {
  StreamStart,
  StreamEnd,
  DocumentStart,
  DocumentEnd,
  Alias,
  Scalar,
  SequenceStart,
  SequenceEnd,
  MappingStart,
  MappingEnd,
}

export interface YamlEvent {
  type: EventType;
  start: Mark;
  end: Mark;
  anchor?: string;
  /** the resolved tag ('' when none was written) */
  tag?: string;
  value?: string;
  /** scalar: plain and untagged (or tagged `!`); collections: untagged */
  implicit?: boolean;
  /** scalar: quoted or block, and untagged */
  quotedImplicit?: boolean;
  style?: ScalarStyle;
  flow?: boolean;
}

enum State {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

interface TagDirective {
  handle: string;
  prefix: string;
}

const DEFAULT_TAG_DIRECTIVES: TagDirective[] = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: 'tag:yaml.org,2002:' },
];

function parserError(problem: string, problemMark: Mark, contextMark?: Mark): GoYamlSyntaxError {
  return new GoYamlSyntaxError(problem, 'parser', problemMark, contextMark);
}

export class GoYamlParser {
  private readonly scanner: GoYamlScanner;
  private state = State.StreamStart;
  private readonly states: State[] = [];
  private readonly marks: Mark[] = [];
  private tagDirectives: TagDirective[] = [];

  constructor(text: string, version: GoYamlVersion) {
    this.scanner = new GoYamlScanner(text, version);
  }

  /** The next event; undefined once the stream has ended. Throws GoYamlSyntaxError. */
  next(): YamlEvent | undefined {
    if (this.scanner.streamEndProduced || this.state === State.End) return undefined;
    return this.step();
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skipToken();
  }

  private popState(): void {
    this.state = this.states.pop() ?? State.End;
  }

  private step(): YamlEvent {
    switch (this.state) {
      case State.StreamStart:
        return this.streamStart();
      case State.ImplicitDocumentStart:
        return this.documentStart(true);
      case State.DocumentStart:
        return this.documentStart(false);
      case State.DocumentContent:
        return this.documentContent();
      case State.DocumentEnd:
        return this.documentEnd();
      case State.BlockNode:
        return this.node(true, false);
      case State.BlockNodeOrIndentlessSequence:
        return this.node(true, true);
      case State.FlowNode:
        return this.node(false, false);
      case State.BlockSequenceFirstEntry:
        return this.blockSequenceEntry(true);
      case State.BlockSequenceEntry:
        return this.blockSequenceEntry(false);
      case State.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry();
      case State.BlockMappingFirstKey:
        return this.blockMappingKey(true);
      case State.BlockMappingKey:
        return this.blockMappingKey(false);
      case State.BlockMappingValue:
        return this.blockMappingValue();
      case State.FlowSequenceFirstEntry:
        return this.flowSequenceEntry(true);
      case State.FlowSequenceEntry:
        return this.flowSequenceEntry(false);
      case State.FlowSequenceEntryMappingKey:
        return this.flowSequenceEntryMappingKey();
      case State.FlowSequenceEntryMappingValue:
        return this.flowSequenceEntryMappingValue();
      case State.FlowSequenceEntryMappingEnd:
        return this.flowSequenceEntryMappingEnd();
      case State.FlowMappingFirstKey:
        return this.flowMappingKey(true);
      case State.FlowMappingKey:
        return this.flowMappingKey(false);
      case State.FlowMappingValue:
        return this.flowMappingValue(false);
      case State.FlowMappingEmptyValue:
        return this.flowMappingValue(true);
      case State.End:
        throw new Error('the YAML parser has ended');
    }
  }

  private streamStart(): YamlEvent {
    const token = this.peek();
    if (token.type !== TokenType.StreamStart) throw parserError('did not find expected <stream-start>', token.start);
    this.state = State.ImplicitDocumentStart;
    this.skip();
    return { type: EventType.StreamStart, start: token.start, end: token.end };
  }

  private documentStart(implicit: boolean): YamlEvent {
    let token = this.peek();
    if (!implicit) {
      while (token.type === TokenType.DocumentEnd) {
        this.skip();
        token = this.peek();
      }
    }
    if (
      implicit &&
      token.type !== TokenType.VersionDirective &&
      token.type !== TokenType.TagDirective &&
      token.type !== TokenType.DocumentStart &&
      token.type !== TokenType.StreamEnd
    ) {
      this.processDirectives();
      this.states.push(State.DocumentEnd);
      this.state = State.BlockNode;
      return { type: EventType.DocumentStart, start: token.start, end: token.end, implicit: true };
    }
    if (token.type !== TokenType.StreamEnd) {
      const start = token.start;
      this.processDirectives();
      token = this.peek();
      if (token.type !== TokenType.DocumentStart) {
        throw parserError('did not find expected <document start>', token.start);
      }
      this.states.push(State.DocumentEnd);
      this.state = State.DocumentContent;
      this.skip();
      return { type: EventType.DocumentStart, start, end: token.end, implicit: false };
    }
    this.state = State.End;
    this.skip();
    return { type: EventType.StreamEnd, start: token.start, end: token.end };
  }

  private documentContent(): YamlEvent {
    const token = this.peek();
    if (
      token.type === TokenType.VersionDirective ||
      token.type === TokenType.TagDirective ||
      token.type === TokenType.DocumentStart ||
      token.type === TokenType.DocumentEnd ||
      token.type === TokenType.StreamEnd
    ) {
      this.popState();
      return emptyScalar(token.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): YamlEvent {
    const token = this.peek();
    const start = token.start;
    let end = token.start;
    let implicit = true;
    if (token.type === TokenType.DocumentEnd) {
      end = token.end;
      this.skip();
      implicit = false;
    }
    this.tagDirectives = [];
    this.state = State.DocumentStart;
    return { type: EventType.DocumentEnd, start, end, implicit };
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.Alias) {
      this.popState();
      this.skip();
      return { type: EventType.Alias, start: token.start, end: token.end, anchor: token.value };
    }
    let start = token.start;
    let end = token.start;
    let tagToken = false;
    let tagHandle = '';
    let tagSuffix = '';
    let anchor: string | undefined;
    let tagMark = token.start;
    if (token.type === TokenType.Anchor) {
      anchor = token.value;
      start = token.start;
      end = token.end;
      this.skip();
      token = this.peek();
      if (token.type === TokenType.Tag) {
        tagToken = true;
        tagHandle = token.value ?? '';
        tagSuffix = token.suffix ?? '';
        tagMark = token.start;
        end = token.end;
        this.skip();
        token = this.peek();
      }
    } else if (token.type === TokenType.Tag) {
      tagToken = true;
      tagHandle = token.value ?? '';
      tagSuffix = token.suffix ?? '';
      start = token.start;
      tagMark = token.start;
      end = token.end;
      this.skip();
      token = this.peek();
      if (token.type === TokenType.Anchor) {
        anchor = token.value;
        end = token.end;
        this.skip();
        token = this.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      if (tagHandle === '') {
        tag = tagSuffix;
      } else {
        const directive = this.tagDirectives.find((d) => d.handle === tagHandle);
        if (directive) tag = directive.prefix + tagSuffix;
        if (tag === '') throw parserError('found undefined tag handle', tagMark, start);
      }
    }
    const implicit = tag === '';
    if (indentlessSequence && token.type === TokenType.BlockEntry) {
      this.state = State.IndentlessSequenceEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit, flow: false };
    }
    if (token.type === TokenType.Scalar) {
      const plainImplicit = (tag === '' && token.style === ScalarStyle.Plain) || tag === '!';
      const quotedImplicit = !plainImplicit && tag === '';
      this.popState();
      this.skip();
      return {
        type: EventType.Scalar,
        start,
        end: token.end,
        anchor,
        tag,
        value: token.value,
        implicit: plainImplicit,
        quotedImplicit,
        style: token.style,
      };
    }
    if (token.type === TokenType.FlowSequenceStart) {
      this.state = State.FlowSequenceFirstEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit, flow: true };
    }
    if (token.type === TokenType.FlowMappingStart) {
      this.state = State.FlowMappingFirstKey;
      return { type: EventType.MappingStart, start, end: token.end, anchor, tag, implicit, flow: true };
    }
    if (block && token.type === TokenType.BlockSequenceStart) {
      this.state = State.BlockSequenceFirstEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit, flow: false };
    }
    if (block && token.type === TokenType.BlockMappingStart) {
      this.state = State.BlockMappingFirstKey;
      return { type: EventType.MappingStart, start, end: token.end, anchor, tag, implicit, flow: false };
    }
    if (anchor !== undefined || tag !== '') {
      // `&a` or `!t` with nothing after: an empty scalar
      this.popState();
      return {
        type: EventType.Scalar,
        start,
        end,
        anchor,
        tag,
        value: '',
        implicit,
        quotedImplicit: false,
        style: ScalarStyle.Plain,
      };
    }
    throw parserError('did not find expected node content', token.start, start);
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let token = this.peek();
    if (token.type === TokenType.BlockEntry) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.BlockEntry && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = State.BlockSequenceEntry;
      return emptyScalar(mark);
    }
    if (token.type === TokenType.BlockEnd) {
      this.popState();
      this.marks.pop();
      this.skip();
      return { type: EventType.SequenceEnd, start: token.start, end: token.end };
    }
    const context = this.marks.pop();
    throw parserError("did not find expected '-' indicator", token.start, context);
  }

  private indentlessSequenceEntry(): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.BlockEntry) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (
        token.type !== TokenType.BlockEntry &&
        token.type !== TokenType.Key &&
        token.type !== TokenType.Value &&
        token.type !== TokenType.BlockEnd
      ) {
        this.states.push(State.IndentlessSequenceEntry);
        return this.node(true, false);
      }
      this.state = State.IndentlessSequenceEntry;
      return emptyScalar(mark);
    }
    this.popState();
    return { type: EventType.SequenceEnd, start: token.start, end: token.start };
  }

  private blockMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let token = this.peek();
    if (token.type === TokenType.Key) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = State.BlockMappingValue;
      return emptyScalar(mark);
    }
    if (token.type === TokenType.BlockEnd) {
      this.popState();
      this.marks.pop();
      this.skip();
      return { type: EventType.MappingEnd, start: token.start, end: token.end };
    }
    const context = this.marks.pop();
    throw parserError('did not find expected key', token.start, context);
  }

  private blockMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.Value) {
      const mark = token.end;
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockMappingKey);
        return this.node(true, true);
      }
      this.state = State.BlockMappingKey;
      return emptyScalar(mark);
    }
    this.state = State.BlockMappingKey;
    return emptyScalar(token.start);
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let token = this.peek();
    if (token.type !== TokenType.FlowSequenceEnd) {
      if (!first) {
        if (token.type !== TokenType.FlowEntry) {
          const context = this.marks.pop();
          throw parserError("did not find expected ',' or ']'", token.start, context);
        }
        this.skip();
        token = this.peek();
      }
      if (token.type === TokenType.Key) {
        // `[a: b]`: a single-pair mapping inside the sequence
        this.state = State.FlowSequenceEntryMappingKey;
        this.skip();
        return {
          type: EventType.MappingStart,
          start: token.start,
          end: token.end,
          implicit: true,
          tag: '',
          flow: true,
        };
      }
      if (token.type !== TokenType.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.skip();
    return { type: EventType.SequenceEnd, start: token.start, end: token.end };
  }

  private flowSequenceEntryMappingKey(): YamlEvent {
    const token = this.peek();
    if (
      token.type !== TokenType.Value &&
      token.type !== TokenType.FlowEntry &&
      token.type !== TokenType.FlowSequenceEnd
    ) {
      this.states.push(State.FlowSequenceEntryMappingValue);
      return this.node(false, false);
    }
    const mark = token.end;
    this.skip();
    this.state = State.FlowSequenceEntryMappingValue;
    return emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): YamlEvent {
    let token = this.peek();
    if (token.type === TokenType.Value) {
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntryMappingEnd);
        return this.node(false, false);
      }
    }
    this.state = State.FlowSequenceEntryMappingEnd;
    return emptyScalar(token.start);
  }

  private flowSequenceEntryMappingEnd(): YamlEvent {
    const token = this.peek();
    this.state = State.FlowSequenceEntry;
    return { type: EventType.MappingEnd, start: token.start, end: token.start };
  }

  private flowMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let token = this.peek();
    if (token.type !== TokenType.FlowMappingEnd) {
      if (!first) {
        if (token.type !== TokenType.FlowEntry) {
          const context = this.marks.pop();
          throw parserError("did not find expected ',' or '}'", token.start, context);
        }
        this.skip();
        token = this.peek();
      }
      if (token.type === TokenType.Key) {
        this.skip();
        token = this.peek();
        if (
          token.type !== TokenType.Value &&
          token.type !== TokenType.FlowEntry &&
          token.type !== TokenType.FlowMappingEnd
        ) {
          this.states.push(State.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = State.FlowMappingValue;
        return emptyScalar(token.start);
      }
      if (token.type !== TokenType.FlowMappingEnd) {
        this.states.push(State.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.popState();
    this.marks.pop();
    this.skip();
    return { type: EventType.MappingEnd, start: token.start, end: token.end };
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    let token = this.peek();
    if (empty) {
      this.state = State.FlowMappingKey;
      return emptyScalar(token.start);
    }
    if (token.type === TokenType.Value) {
      this.skip();
      token = this.peek();
      if (token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowMappingEnd) {
        this.states.push(State.FlowMappingKey);
        return this.node(false, false);
      }
    }
    this.state = State.FlowMappingKey;
    return emptyScalar(token.start);
  }

  /** %YAML and %TAG directives before a document; then the default handles. */
  private processDirectives(): void {
    let versionSeen = false;
    let token = this.peek();
    while (token.type === TokenType.VersionDirective || token.type === TokenType.TagDirective) {
      if (token.type === TokenType.VersionDirective) {
        if (versionSeen) throw parserError('found duplicate %YAML directive', token.start);
        if (token.major !== 1 || token.minor !== 1) throw parserError('found incompatible YAML document', token.start);
        versionSeen = true;
      } else {
        this.appendTagDirective({ handle: token.value ?? '', prefix: token.prefix ?? '' }, false, token.start);
      }
      this.skip();
      token = this.peek();
    }
    for (const directive of DEFAULT_TAG_DIRECTIVES) this.appendTagDirective(directive, true, token.start);
  }

  private appendTagDirective(directive: TagDirective, allowDuplicates: boolean, mark: Mark): void {
    if (this.tagDirectives.some((d) => d.handle === directive.handle)) {
      if (allowDuplicates) return;
      throw parserError('found duplicate %TAG directive', mark);
    }
    this.tagDirectives.push({ ...directive });
  }
}

function emptyScalar(mark: Mark): YamlEvent {
  return {
    type: EventType.Scalar,
    start: mark,
    end: mark,
    value: '',
    tag: '',
    implicit: true,
    quotedImplicit: false,
    style: ScalarStyle.Plain,
  };
}
