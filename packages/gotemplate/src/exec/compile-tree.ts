/**
 * Compiles a parse tree into nested closures, once per tree: executing a template then runs one
 * closure per node with the node's constant parts (text, names, argument counts, the evaluators of
 * its arguments) already bound, instead of dispatching on node kinds on every visit. The closures
 * follow ExecState's interpreter step by step, including which node errors are reported at.
 */
import {
  K,
  nodeString,
  type ArgNode,
  type CommandNode,
  type IdentifierNode,
  type ListNode,
  type Node,
  type PipeNode,
  type RangeNode,
  type TemplateNode,
  type Tree,
} from '../parse/ast.js';
import type { GoFunc, GoParamType } from '../go-func.js';
import { goKind, isTrue, sortedKeys } from '../go-values.js';
import { formatValue } from '../fmt/sprintf.js';
import { specialBuiltin, type SpecialFunc } from './builtins.js';
import { type ExecState, Flow, MISSING, type Final, errorMessage, nillableTypes, paramType } from './state.js';

/** Runs a statement node (list, text, action, control structure). */
export type Exec = (st: ExecState, dot: unknown) => Flow;
/** Evaluates a pipeline. */
type Eval = (st: ExecState, dot: unknown) => unknown;
/** Evaluates a command; `final` is the previous command's value in the pipeline, or MISSING. */
type Cmd = (st: ExecState, dot: unknown, final: Final) => unknown;

const compiledTrees = new WeakMap<Tree, Exec>();

/** The compiled form of a tree (compiled on first use; trees are immutable once parsed). */
export function compiledTree(tree: Tree): Exec {
  let exec = compiledTrees.get(tree);
  if (!exec) {
    exec = compileNode(tree.root);
    compiledTrees.set(tree, exec);
  }
  return exec;
}

function compileNode(node: Node): Exec {
  switch (node.kind) {
    case K.Text: {
      const text = node.text;
      const len = text.length;
      return (st) => {
        st.node = node;
        st.out.push(text);
        if ((st.outLen += len) > st.maxOutputBytes) st.outputLimitExceeded();
        return Flow.Normal;
      };
    }
    case K.Action: {
      const pipe = compilePipeline(node.pipe);
      if (node.pipe.decl.length > 0) {
        return (st, dot) => {
          st.node = node;
          pipe(st, dot);
          return Flow.Normal;
        };
      }
      return (st, dot) => {
        st.node = node;
        const v = pipe(st, dot);
        if (typeof v === 'string') {
          st.out.push(v);
          if ((st.outLen += v.length) > st.maxOutputBytes) st.outputLimitExceeded();
        } else {
          st.printValue(node, v);
        }
        return Flow.Normal;
      };
    }
    case K.List:
      return compileList(node);
    case K.If:
    case K.With: {
      const pipe = compilePipeline(node.pipe);
      const list = compileNode(node.list);
      const elseList = node.elseList ? compileNode(node.elseList) : null;
      const isWith = node.kind === K.With;
      return (st, dot) => {
        st.node = node;
        const mark = st.vars.length;
        const val = pipe(st, dot);
        let flow = Flow.Normal;
        if (isTrue(val)) {
          if (isWith) {
            const saved = st.dotIface;
            st.dotIface = false;
            flow = list(st, val);
            st.dotIface = saved;
          } else {
            flow = list(st, dot);
          }
        } else if (elseList) {
          flow = elseList(st, dot);
        }
        st.vars.length = mark;
        return flow;
      };
    }
    case K.Range:
      return compileRange(node);
    case K.Template:
      return compileTemplateCall(node);
    case K.Comment:
      return (st) => {
        st.node = node;
        return Flow.Normal;
      };
    case K.Break:
      return (st) => {
        st.node = node;
        return Flow.Break;
      };
    case K.Continue:
      return (st) => {
        st.node = node;
        return Flow.Continue;
      };
    default:
      return (st) => {
        st.node = node;
        return st.errorf(`unknown node: ${nodeString(node)}`);
      };
  }
}

function compileList(list: ListNode): Exec {
  const items = list.nodes.map(compileNode);
  const n = items.length;
  if (n === 1) {
    const only = items[0];
    return (st, dot) => {
      st.node = list;
      return only(st, dot);
    };
  }
  return (st, dot) => {
    st.node = list;
    for (let i = 0; i < n; i++) {
      const flow = items[i](st, dot);
      if (flow !== Flow.Normal) return flow;
    }
    return Flow.Normal;
  };
}

/** One iteration of a range: binds the declared variables and dot, runs the body. */
function rangeIteration(
  st: ExecState,
  r: RangeNode,
  body: Exec,
  mark: number,
  savedDotIface: boolean,
  index: unknown,
  elem: unknown,
  elemIface: boolean,
): Flow {
  const max = st.set.maxRangeIterations;
  if (++st.rangeIterations > max) st.errorf(`range iteration limit exceeded (${max})`);
  const decl = r.pipe.decl;
  if (decl.length > 0) {
    if (r.pipe.isAssign)
      st.setVar(decl[0].ident[0], decl.length > 1 ? index : elem, decl.length > 1 ? false : elemIface);
    else {
      const v = st.vars[st.vars.length - 1];
      v.value = elem;
      v.iface = elemIface;
    }
  }
  if (decl.length > 1) {
    if (r.pipe.isAssign) st.setVar(decl[1].ident[0], elem, elemIface);
    else {
      const v = st.vars[st.vars.length - 2];
      v.value = index;
      v.iface = false;
    }
  }
  st.dotIface = elemIface;
  const flow = body(st, elem);
  st.dotIface = savedDotIface;
  st.vars.length = mark;
  return flow;
}

function compileRange(r: RangeNode): Exec {
  const pipe = compilePipeline(r.pipe);
  const body = compileNode(r.list);
  const elseBody = r.elseList ? compileNode(r.elseList) : null;
  const declCount = r.pipe.decl.length;
  return (st, dot) => {
    st.node = r;
    const outerMark = st.vars.length;
    const val = pipe(st, dot);
    const mark = st.vars.length;
    const saved = st.dotIface;
    let ran = false;
    switch (goKind(val)) {
      case 'slice': {
        const arr = val as unknown[];
        for (let i = 0; i < arr.length; i++) {
          ran = true;
          const el = arr[i];
          // the index is a value only when a variable is declared for it (no BigInt per element otherwise)
          const index = declCount > 1 ? BigInt(i) : undefined;
          if (rangeIteration(st, r, body, mark, saved, index, el === undefined ? null : el, true) === Flow.Break) break;
        }
        break;
      }
      case 'bytes': {
        const arr = val as Uint8Array;
        for (let i = 0; i < arr.length; i++) {
          ran = true;
          const index = declCount > 1 ? BigInt(i) : undefined;
          if (rangeIteration(st, r, body, mark, saved, index, BigInt(arr[i]), false) === Flow.Break) break;
        }
        break;
      }
      case 'map': {
        const m = val as Record<string, unknown>;
        for (const k of sortedKeys(m)) {
          ran = true;
          const el = m[k];
          if (rangeIteration(st, r, body, mark, saved, k, el === undefined ? null : el, true) === Flow.Break) break;
        }
        break;
      }
      case 'int': {
        if (declCount > 1) st.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
        const n = val as bigint;
        for (let i = 0n; i < n; i++) {
          ran = true;
          if (rangeIteration(st, r, body, mark, saved, undefined, i, false) === Flow.Break) break;
        }
        break;
      }
      case 'invalid':
        break;
      default:
        if (val instanceof Map) {
          const keys = [...val.keys()].sort();
          for (const k of keys) {
            ran = true;
            if (rangeIteration(st, r, body, mark, saved, k, val.get(k) ?? null, true) === Flow.Break) break;
          }
          break;
        }
        st.errorf(`range can't iterate over ${formatValue(val)}`);
    }
    if (!ran && elseBody) {
      st.vars.length = mark;
      const flow = elseBody(st, dot);
      st.vars.length = outerMark;
      return flow;
    }
    st.vars.length = outerMark;
    return Flow.Normal;
  };
}

function compileTemplateCall(t: TemplateNode): Exec {
  const pipe = t.pipe ? compilePipeline(t.pipe) : null;
  return (st, dot) => {
    st.node = t;
    const tmpl = st.set.templates.get(t.name);
    if (!tmpl) return st.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (st.depth >= st.set.maxDepth) st.errorf(`exceeded maximum template depth (${st.set.maxDepth})`);
    const newDot = pipe ? pipe(st, dot) : undefined;
    const savedTmpl = st.tmpl;
    const savedVars = st.vars;
    const savedDotIface = st.dotIface;
    st.tmpl = tmpl;
    st.vars = [{ name: '$', value: newDot, iface: false }];
    st.dotIface = false;
    st.depth++;
    try {
      compiledTree(tmpl.tree)(st, newDot);
    } finally {
      st.depth--;
      st.tmpl = savedTmpl;
      st.vars = savedVars;
      st.dotIface = savedDotIface;
    }
    return Flow.Normal;
  };
}

function compilePipeline(pipe: PipeNode): Eval {
  const cmds = pipe.cmds.map(compileCommand);
  const n = cmds.length;
  const decl = pipe.decl.map((v) => v.ident[0]);
  const isAssign = pipe.isAssign;
  if (n === 1 && decl.length === 0) {
    const only = cmds[0];
    return (st, dot) => {
      st.node = pipe;
      const value = only(st, dot, MISSING);
      return value === null ? undefined : value;
    };
  }
  return (st, dot) => {
    st.node = pipe;
    let value: unknown = MISSING;
    for (let i = 0; i < n; i++) {
      value = cmds[i](st, dot, value);
      // an interface holding nil becomes the invalid value (Go digs into interface{} results)
      if (value === null) value = undefined;
    }
    for (const name of decl) {
      if (isAssign) st.setVar(name, value, false);
      else st.vars.push({ name, value, iface: false });
    }
    return value;
  };
}

function compileCommand(cmd: CommandNode): Cmd {
  const args = cmd.args;
  const first = args[0];
  switch (first.kind) {
    case K.Field:
      return (st, dot, final) => st.evalFieldNode(dot, first, args, final);
    case K.Chain:
      return (st, dot, final) => st.evalChainNode(dot, first, args, final);
    case K.Identifier:
      return compileFunctionCall(first, cmd, args);
    case K.Variable:
      return (st, dot, final) => st.evalVariableNode(dot, first, args, final);
    case K.Pipe: {
      const pipe = compilePipeline(first);
      return (st, dot, final) => {
        st.notAFunction(args, final);
        return pipe(st, dot);
      };
    }
    case K.Bool: {
      const value = first.value;
      return (st, _dot, final) => {
        st.node = first;
        st.notAFunction(args, final);
        return value;
      };
    }
    case K.Dot:
      return (st, dot, final) => {
        st.node = first;
        st.notAFunction(args, final);
        return dot;
      };
    case K.Nil:
      return (st, _dot, final) => {
        st.node = first;
        st.notAFunction(args, final);
        st.errorf('nil is not a command');
      };
    case K.Number:
      return (st, _dot, final) => {
        st.node = first;
        st.notAFunction(args, final);
        return st.idealConstant(first);
      };
    case K.String: {
      const text = first.text;
      return (st, _dot, final) => {
        st.node = first;
        st.notAFunction(args, final);
        return text;
      };
    }
  }
}

/**
 * A call of a function by name. The function is looked up at each call (sets sharing this tree may
 * bind different functions); its argument evaluators are rebuilt when it differs from the last one.
 */
function compileFunctionCall(ident: IdentifierNode, callNode: Node, args: ArgNode[] | null): Cmd {
  const name = ident.ident;
  const argCount = args ? args.length - 1 : 0;
  let boundFn: GoFunc | undefined;
  let argEvals: Eval[] = [];
  let special: SpecialFunc[typeof specialBuiltin];
  return (st, dot, final) => {
    st.node = ident;
    const fn = st.funcs.get(name);
    if (!fn) return st.errorf(`${JSON.stringify(name)} is not a defined function`);
    if (fn !== boundFn) {
      const sig = fn.goArity;
      argEvals = [];
      for (let i = 0; i < argCount; i++) argEvals.push(compileArg(args![i + 1], paramType(sig, i)));
      special = (fn as SpecialFunc)[specialBuiltin];
      boundFn = fn;
    }
    const sig = fn.goArity;
    const numIn = argCount + (final !== MISSING ? 1 : 0);
    if (sig) {
      if (sig.variadic) {
        if (numIn < sig.params)
          st.errorf(`wrong number of args for ${name}: want at least ${sig.params} got ${argCount}`);
      } else if (numIn !== sig.params) {
        st.errorf(`wrong number of args for ${name}: want ${sig.params} got ${numIn}`);
      }
    }
    if (special === 'and' || special === 'or') {
      let v: unknown;
      for (let i = 0; i < argCount; i++) {
        v = argEvals[i](st, dot);
        if (isTrue(v) === (special === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    let result: unknown;
    switch (numIn) {
      case 0:
        result =
          special === undefined
            ? call1(st, fn, callNode, name, 0, undefined)
            : invoke(st, fn, callNode, name, special, args, []);
        break;
      case 1: {
        const a = argCount === 1 ? argEvals[0](st, dot) : st.validateType(final, paramType(sig, 0));
        result =
          special === undefined
            ? call1(st, fn, callNode, name, 1, a)
            : invoke(st, fn, callNode, name, special, args, [a]);
        break;
      }
      default: {
        const argv: unknown[] = new Array(numIn);
        for (let i = 0; i < argCount; i++) argv[i] = argEvals[i](st, dot);
        if (final !== MISSING) argv[argCount] = st.validateType(final, paramType(sig, argCount));
        result = invoke(st, fn, callNode, name, special, args, argv);
      }
    }
    return result === undefined ? null : result;
  };
}

/** invoke for an ordinary function of no or one argument, without an argument array. */
function call1(st: ExecState, fn: GoFunc, callNode: Node, name: string, numIn: 0 | 1, a: unknown): unknown {
  try {
    return numIn === 0 ? fn() : fn(a);
  } catch (e) {
    st.node = callNode;
    st.errorf(`error calling ${name}: ${errorMessage(e)}`, e);
  }
}

function invoke(
  st: ExecState,
  fn: GoFunc,
  callNode: Node,
  name: string,
  special: SpecialFunc[typeof specialBuiltin],
  args: ArgNode[] | null,
  argv: unknown[],
): unknown {
  try {
    if (special === 'call') {
      return st.callFunction(nodeString(args && args.length > 1 ? args[1] : callNode), argv[0], argv.slice(1));
    }
    return fn(...argv);
  } catch (e) {
    st.node = callNode;
    st.errorf(`error calling ${name}: ${errorMessage(e)}`, e);
  }
}

/** An argument evaluator for a parameter of Go type `type` (ExecState.evalArg, specialised). */
function compileArg(n: ArgNode, type: GoParamType): Eval {
  const raw = type === 'reflect.Value';
  switch (n.kind) {
    case K.Dot:
      return raw
        ? (st, dot) => {
            st.node = n;
            return dot;
          }
        : (st, dot) => {
            st.node = n;
            return st.validateType(dot, type);
          };
    case K.Field: {
      const self = [n];
      return raw
        ? (st, dot) => {
            st.node = n;
            return st.evalFieldNode(dot, n, self, MISSING);
          }
        : (st, dot) => {
            st.node = n;
            return st.validateType(st.evalFieldNode(dot, n, self, MISSING), type);
          };
    }
    case K.Variable:
      return raw
        ? (st, dot) => {
            st.node = n;
            return st.evalVariableNode(dot, n, null, MISSING);
          }
        : (st, dot) => {
            st.node = n;
            return st.validateType(st.evalVariableNode(dot, n, null, MISSING), type);
          };
    case K.Pipe: {
      const pipe = compilePipeline(n);
      return (st, dot) => {
        st.node = n;
        return st.validateType(pipe(st, dot), type);
      };
    }
    case K.Identifier: {
      const call = compileFunctionCall(n, n, null);
      return (st, dot) => {
        st.node = n;
        return st.validateType(call(st, dot, MISSING), type);
      };
    }
    case K.String:
      if (raw || type === 'interface {}' || type === 'string') {
        const text = n.text;
        return (st) => {
          st.node = n;
          return text;
        };
      }
      break;
    case K.Bool:
      if (raw || type === 'interface {}' || type === 'bool') {
        const value = n.value;
        return (st) => {
          st.node = n;
          return value;
        };
      }
      break;
    case K.Nil:
      if (raw)
        return (st) => {
          st.node = n;
          return undefined;
        };
      if (nillableTypes.has(type))
        return (st) => {
          st.node = n;
          return null;
        };
      break;
  }
  // constants of other kinds and every error: the interpreter's rules
  return (st, dot) => st.evalArg(dot, type, n);
}
