/** A position in the text: `index` counts characters (CRLF two), `line` and `column` from 0. */
export interface Mark {
  index: number;
  line: number;
  column: number;
}

export enum TokenType {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

export enum ScalarStyle {
  Plain,
  SingleQuoted,
  DoubleQuoted,
  Literal,
  Folded,
}

export interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  /** scalar text, anchor or alias name, tag handle, %TAG handle */
  value?: string;
  /** a tag's suffix */
  suffix?: string;
  /** a %TAG directive's prefix */
  prefix?: string;
  style?: ScalarStyle;
  major?: number;
  minor?: number;
}

/** Which go-yaml v2 to behave as: Helm 2 links v2.2.4; Helm 3 and 4 link v2.4 (go.yaml.in). */
export type GoYamlVersion = 'v2.2' | 'v2.4';

/**
 * A scanner or parser error, as go-yaml records it: the problem, where it was found, and the mark of
 * what was being read when it was (the context), which go-yaml's message uses when the problem sits
 * on the first line.
 */
export class GoYamlSyntaxError extends Error {
  constructor(
    readonly problem: string,
    readonly kind: 'reader' | 'scanner' | 'parser' | 'composer',
    readonly problemMark?: Mark,
    readonly contextMark?: Mark,
  ) {
    super(problem);
    this.name = 'GoYamlSyntaxError';
  }

  /**
   * The text after `yaml: ` in go-yaml's error (parser.fail): the problem's line, 0-based for parser
   * errors and 1-based for scanner errors (go-yaml's own inconsistency), or the context's (0-based)
   * when the problem is on the first line; no line at all when both are 0.
   */
  get goMessage(): string {
    let line = 0;
    if (this.problemMark && this.problemMark.line !== 0) {
      line = this.problemMark.line + (this.kind === 'scanner' ? 1 : 0);
    } else if (this.contextMark && this.contextMark.line !== 0) {
      line = this.contextMark.line;
    }
    return `${line !== 0 ? `line ${line}: ` : ''}${this.problem}`;
  }
}
