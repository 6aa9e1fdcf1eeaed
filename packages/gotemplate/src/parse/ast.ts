/** Parse tree of Go templates. Positions are indexes into Tree.text; String() forms match Go's. */

export interface Tree {
  /** the template's name (file name or define name) */
  name: string;
  /** name of the top-level template parsed (the file), used in error locations */
  parseName: string;
  /** the whole source text of the file the tree came from */
  text: string;
  root: ListNode;
}

export const enum K {
  List,
  Text,
  Action,
  If,
  Range,
  With,
  Template,
  Break,
  Continue,
  Comment,
  Pipe,
  Command,
  Field,
  Chain,
  Identifier,
  Variable,
  Dot,
  Nil,
  Bool,
  Number,
  String,
  End,
  Else,
}

interface Base {
  pos: number;
  tree: Tree;
}

export interface ListNode extends Base {
  kind: K.List;
  nodes: Node[];
}
interface TextNode extends Base {
  kind: K.Text;
  text: string;
}
interface CommentNode extends Base {
  kind: K.Comment;
  text: string;
}
interface ActionNode extends Base {
  kind: K.Action;
  line: number;
  pipe: PipeNode;
}
interface BranchNode<T extends K.If | K.Range | K.With> extends Base {
  kind: T;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
type IfNode = BranchNode<K.If>;
export type RangeNode = BranchNode<K.Range>;
type WithNode = BranchNode<K.With>;
export interface TemplateNode extends Base {
  kind: K.Template;
  line: number;
  name: string;
  pipe: PipeNode | null;
}
interface BreakNode extends Base {
  kind: K.Break;
  line: number;
}
interface ContinueNode extends Base {
  kind: K.Continue;
  line: number;
}
export interface EndNode extends Base {
  kind: K.End;
}
export interface ElseNode extends Base {
  kind: K.Else;
  line: number;
}

export interface PipeNode extends Base {
  kind: K.Pipe;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base {
  kind: K.Command;
  args: ArgNode[];
}
export interface FieldNode extends Base {
  kind: K.Field;
  ident: string[];
}
export interface ChainNode extends Base {
  kind: K.Chain;
  node: ArgNode;
  field: string[];
}
export interface IdentifierNode extends Base {
  kind: K.Identifier;
  ident: string;
}
export interface VariableNode extends Base {
  kind: K.Variable;
  ident: string[];
}
interface DotNode extends Base {
  kind: K.Dot;
}
interface NilNode extends Base {
  kind: K.Nil;
}
interface BoolNode extends Base {
  kind: K.Bool;
  value: boolean;
}
export interface NumberNode extends Base {
  kind: K.Number;
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  /** value when isInt or isUint */
  int: bigint;
  /** value when isFloat */
  float: number;
}
interface StringNode extends Base {
  kind: K.String;
  quoted: string;
  text: string;
}

export type ArgNode =
  | FieldNode
  | ChainNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;
export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | EndNode
  | ElseNode
  | PipeNode
  | CommandNode
  | ArgNode;

/** Go's Node.String(). */
export function nodeString(n: Node): string {
  switch (n.kind) {
    case K.List:
      return n.nodes.map(nodeString).join('');
    case K.Text:
      return n.text;
    case K.Comment:
      return `{{${n.text}}}`;
    case K.Action:
      return `{{${nodeString(n.pipe)}}}`;
    case K.If:
    case K.Range:
    case K.With: {
      const word = n.kind === K.If ? 'if' : n.kind === K.Range ? 'range' : 'with';
      let s = `{{${word} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return s + '{{end}}';
    }
    case K.Template:
      return n.pipe
        ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}`
        : `{{template ${JSON.stringify(n.name)}}}`;
    case K.Break:
      return '{{break}}';
    case K.Continue:
      return '{{continue}}';
    case K.End:
      return '{{end}}';
    case K.Else:
      return '{{else}}';
    case K.Pipe: {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case K.Command:
      return n.args.map((a) => (a.kind === K.Pipe ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case K.Field:
      return '.' + n.ident.join('.');
    case K.Chain: {
      const head = n.node.kind === K.Pipe ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + '.' + n.field.join('.');
    }
    case K.Identifier:
      return n.ident;
    case K.Variable:
      return n.ident.join('.');
    case K.Dot:
      return '.';
    case K.Nil:
      return 'nil';
    case K.Bool:
      return n.value ? 'true' : 'false';
    case K.Number:
      return n.text;
    case K.String:
      return n.quoted;
  }
}

/** Go's parse.IsEmptyTree: only space and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.kind) {
    case K.Comment:
      return true;
    case K.List:
      return n.nodes.every(isEmptyTree);
    case K.Text:
      return n.text.trim() === '' && !/[^\s]/.test(n.text);
    default:
      return false;
  }
}
