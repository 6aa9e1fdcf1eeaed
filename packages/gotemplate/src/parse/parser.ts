/** Go text/template parser: tokens -> trees (one per file plus one per define/block). */
import { TemplateParseError } from '../errors.js';
import {
  K,
  nodeString,
  isEmptyTree,
  type ArgNode,
  type CommandNode,
  type ListNode,
  type Node,
  type PipeNode,
  type Tree,
  type VariableNode,
  type ElseNode,
  type EndNode,
  type ChainNode,
} from './ast.js';
import { lex, T, type Token } from './lexer.js';
import { newNumber } from './number.js';
import { unquote } from './unquote.js';

const MAX_PAREN_DEPTH = 10000;

class ParseAbort {
  constructor(readonly error: TemplateParseError) {}
}

/** Go's item.String() used in "unexpected X" messages. */
function tokenString(t: Token): string {
  if (t.type === T.EOF) return 'EOF';
  if (t.type === T.Error) return t.val;
  if (t.type > T.Keyword) return `<${t.val}>`;
  if ([...t.val].length > 10) return goQuotePrefix(t.val, 10) + '...';
  return JSON.stringify(t.val);
}

function goQuotePrefix(s: string, runes: number): string {
  return JSON.stringify([...s].slice(0, runes).join(''));
}

/** Shared state of one parse() call: the token stream and the trees found. */
class Parse {
  private tokens: Token[];
  private index = 0;
  readonly trees = new Map<string, Tree>();
  constructor(
    readonly parseName: string,
    readonly text: string,
    readonly hasFunction: (name: string) => boolean,
  ) {
    this.tokens = lex(text, { breakOK: !hasFunction('break'), continueOK: !hasFunction('continue') });
  }
  nextToken(): Token {
    const t = this.tokens[this.index];
    if (this.index < this.tokens.length - 1) this.index++;
    return t;
  }
}

/** Parser for one tree (Go's *parse.Tree during parsing), sharing the token stream. */
class TreeParser {
  private token: Token[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private parenDepth = 0;
  readonly tree: Tree;

  constructor(
    private readonly p: Parse,
    name: string,
  ) {
    this.tree = { name, parseName: p.parseName, text: p.text, root: null as unknown as ListNode };
    this.token = [undefined as unknown as Token, undefined as unknown as Token, undefined as unknown as Token];
  }

  // ---- token stream (Go's three-token lookahead, so error lines match Go's token[0]) ----
  private next(): Token {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.p.nextToken();
    return this.token[this.peekCount];
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Token): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Token, t1: Token): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.p.nextToken();
    return this.token[0];
  }
  private nextNonSpace(): Token {
    let t: Token;
    do {
      t = this.next();
    } while (t.type === T.Space);
    return t;
  }
  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // ---- errors ----
  private errorf(msg: string): never {
    throw new ParseAbort(new TemplateParseError(this.p.parseName, this.token[0]?.line ?? 1, msg));
  }
  private expect(type: T, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Token, context: string): never {
    if (t.type === T.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.p.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(t.val + extra);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }

  // ---- structure ----
  /** top level of a file: text, actions and {{define}}s until EOF */
  parseTop(): void {
    this.tree.root = this.list(this.peek().pos);
    while (this.peek().type !== T.EOF) {
      if (this.peek().type === T.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().type === T.Define) {
          const def = new TreeParser(this.p, 'definition');
          def.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.kind === K.End || n.kind === K.Else) this.errorf(`unexpected ${nodeString(n)}`);
      this.tree.root.nodes.push(n);
    }
    this.add();
  }

  private add(): void {
    const existing = this.p.trees.get(this.tree.name);
    if (!existing || isEmptyTree(existing.root)) {
      this.p.trees.set(this.tree.name, this.tree);
      return;
    }
    if (!isEmptyTree(this.tree.root))
      this.errorf(`template: multiple definition of template ${JSON.stringify(this.tree.name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== T.String && nameTok.type !== T.RawString) this.unexpected(nameTok, context);
    const name = unquote(nameTok.val);
    if (name === null) this.errorf('invalid syntax');
    this.tree.name = name;
    this.expect(T.RightDelim, context);
    const [list, end] = this.itemList();
    if (end.kind !== K.End) this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.tree.root = list;
    this.add();
  }

  private list(pos: number): ListNode {
    return { kind: K.List, pos, tree: this.tree, nodes: [] };
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().type !== T.EOF) {
      const n = this.textOrAction();
      if (n.kind === K.End || n.kind === K.Else) return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.type) {
      case T.Text:
        return { kind: K.Text, pos: t.pos, tree: this.tree, text: t.val };
      case T.LeftDelim: {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case T.Comment:
        return { kind: K.Comment, pos: t.pos, tree: this.tree, text: t.val };
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(): Node {
    const t = this.nextNonSpace();
    switch (t.type) {
      case T.Block:
        return this.blockControl();
      case T.Break:
        return this.loopControl(t, K.Break, '{{break}}');
      case T.Continue:
        return this.loopControl(t, K.Continue, '{{continue}}');
      case T.Else:
        return this.elseControl();
      case T.End:
        return { kind: K.End, pos: this.expect(T.RightDelim, 'end').pos, tree: this.tree };
      case T.If:
        return this.branch(K.If, 'if');
      case T.Range:
        return this.branch(K.Range, 'range');
      case T.Template:
        return this.templateControl();
      case T.With:
        return this.branch(K.With, 'with');
    }
    this.backup();
    const tok = this.peek();
    return {
      kind: K.Action,
      pos: tok.pos,
      line: tok.line,
      tree: this.tree,
      pipe: this.pipeline('command', T.RightDelim),
    };
  }

  private loopControl(t: Token, kind: K.Break | K.Continue, context: string): Node {
    const nt = this.nextNonSpace();
    if (nt.type !== T.RightDelim) this.unexpected(nt, context);
    if (this.rangeDepth === 0) this.errorf(`${context} outside {{range}}`);
    return { kind, pos: t.pos, line: t.line, tree: this.tree };
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    if (peek.type === T.If || peek.type === T.With)
      return { kind: K.Else, pos: peek.pos, line: peek.line, tree: this.tree };
    const t = this.expect(T.RightDelim, 'else');
    return { kind: K.Else, pos: t.pos, line: t.line, tree: this.tree };
  }

  private branch(kind: K.If | K.Range | K.With, context: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, T.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, firstNext] = this.itemList();
      let next = firstNext;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === K.Else) {
        if (context === 'if' && this.peek().type === T.If) {
          this.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.branch(K.If, 'if'));
        } else if (context === 'with' && this.peek().type === T.With) {
          this.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.branch(K.With, 'with'));
        } else {
          [elseList, next] = this.itemList();
          if (next.kind !== K.End) this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { kind, pos: pipe.pos, line: pipe.line, tree: this.tree, pipe, list, elseList } as Node;
    } finally {
      this.vars.length = mark;
    }
  }

  private templateName(t: Token, context: string): string {
    if (t.type !== T.String && t.type !== T.RawString) this.unexpected(t, context);
    const s = unquote(t.val);
    if (s === null) this.errorf('invalid syntax');
    return s;
  }

  private blockControl(): Node {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const block = new TreeParser(this.p, name);
    const [list, end] = block.itemList();
    if (end.kind !== K.End) this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.tree.root = list;
    block.add();
    return { kind: K.Template, pos: t.pos, line: t.line, tree: this.tree, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    return { kind: K.Template, pos: t.pos, line: t.line, tree: this.tree, name, pipe };
  }

  private variable(pos: number, name: string): VariableNode {
    return { kind: K.Variable, pos, tree: this.tree, ident: name.split('.') };
  }

  private pipeline(context: string, end: T): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = {
      kind: K.Pipe,
      pos: first.pos,
      line: first.line,
      tree: this.tree,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== T.Variable) break;
      this.next();
      const after = this.peek();
      const nx = this.peekNonSpace();
      if (nx.type === T.Assign || nx.type === T.Declare) {
        pipe.isAssign = nx.type === T.Assign;
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (nx.type === T.Char && nx.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const pk = this.peekNonSpace().type;
          if (pk === T.Variable || pk === T.RightDelim || pk === T.RightParen) continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (after.type === T.Space) {
        this.backup3(v, after);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const k = pipe.cmds[i].args[0].kind;
      if (k === K.Bool || k === K.Dot || k === K.Nil || k === K.Number || k === K.String) {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: K.Command, pos: this.peekNonSpace().pos, tree: this.tree, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.type === T.Space) continue;
      if (t.type === T.RightDelim || t.type === T.RightParen) this.backup();
      else if (t.type !== T.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().type === T.Field) {
      const chain: ChainNode = { kind: K.Chain, pos: this.peek().pos, tree: this.tree, node, field: [] };
      while (this.peek().type === T.Field) chain.field.push(this.next().val.slice(1));
      switch (node.kind) {
        case K.Field:
          return { kind: K.Field, pos: chain.pos, tree: this.tree, ident: [...node.ident, ...chain.field] };
        case K.Variable:
          return { kind: K.Variable, pos: chain.pos, tree: this.tree, ident: [...node.ident, ...chain.field] };
        case K.Bool:
        case K.String:
        case K.Number:
        case K.Nil:
        case K.Dot:
          this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
      }
      return chain;
    }
    return node;
  }

  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    const tree = this.tree;
    switch (t.type) {
      case T.Identifier:
        if (!this.p.hasFunction(t.val)) this.errorf(`function ${JSON.stringify(t.val)} not defined`);
        return { kind: K.Identifier, pos: t.pos, tree, ident: t.val };
      case T.Dot:
        return { kind: K.Dot, pos: t.pos, tree };
      case T.Nil:
        return { kind: K.Nil, pos: t.pos, tree };
      case T.Variable: {
        const v = this.variable(t.pos, t.val);
        if (!this.vars.includes(v.ident[0])) this.errorf(`undefined variable ${JSON.stringify(v.ident[0])}`);
        return v;
      }
      case T.Field:
        return { kind: K.Field, pos: t.pos, tree, ident: t.val.slice(1).split('.') };
      case T.Bool:
        return { kind: K.Bool, pos: t.pos, tree, value: t.val === 'true' };
      case T.CharConstant:
      case T.Complex:
      case T.Number: {
        const n = newNumber(tree, t.pos, t.val, t.type === T.CharConstant, t.type === T.Complex);
        if (typeof n === 'string') this.errorf(n);
        return n;
      }
      case T.LeftParen: {
        if (this.parenDepth >= MAX_PAREN_DEPTH) this.errorf('max expression depth exceeded');
        this.parenDepth++;
        try {
          return this.pipeline('parenthesized pipeline', T.RightParen);
        } finally {
          this.parenDepth--;
        }
      }
      case T.String:
      case T.RawString: {
        const s = unquote(t.val);
        if (s === null) this.errorf('invalid syntax');
        return { kind: K.String, pos: t.pos, tree, quoted: t.val, text: s };
      }
    }
    this.backup();
    return null;
  }
}

/**
 * Parses a file into its trees: the file's own tree (named `name`) and one per define/block.
 * Throws TemplateParseError with Go's message.
 */
export function parseTemplates(name: string, text: string, hasFunction: (name: string) => boolean): Map<string, Tree> {
  const p = new Parse(name, text, hasFunction);
  const top = new TreeParser(p, name);
  try {
    top.parseTop();
  } catch (e) {
    if (e instanceof ParseAbort) throw e.error;
    throw e;
  }
  return p.trees;
}
