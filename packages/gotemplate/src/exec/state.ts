/** The evaluator: walks parsed trees with Go's text/template execution semantics. */
import {
  K,
  nodeString,
  type ArgNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type VariableNode,
} from '../parse/ast.js';
import { TemplateExecError } from '../errors.js';
import type { GoFunc, GoParamType } from '../go-func.js';
import { goKind, goTypeName, hasMember, isTrue, memberOf, methodOfCollection } from '../go-values.js';
import { formatIndirect, formatValue } from '../fmt/sprintf.js';
import { formatFloat } from '../fmt/format-float.js';
import { specialBuiltin, type SpecialFunc } from './builtins.js';
import type { ExecutionSettings, Template } from '../template.js';

/** Go's missingVal: "no value from the previous pipeline stage". */
export const MISSING: unique symbol = Symbol('missing');
export type Final = unknown;

export const enum Flow {
  Normal = 0,
  Break = 1,
  Continue = 2,
}

export interface Variable {
  name: string;
  value: unknown;
  iface: boolean;
}

const intTypes = new Set(['int', 'int8', 'int16', 'int32', 'int64']);
const uintTypes = new Set(['uint', 'uint8', 'uint16', 'uint32', 'uint64']);
export const nillableTypes = new Set([
  '[]interface {}',
  '[]string',
  'map[string]interface {}',
  'interface {}',
  'reflect.Value',
]);

function lineCol(text: string, pos: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return [line, Buffer.byteLength(text.slice(lineStart, pos), 'utf8')];
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The Go type of parameter i of a function with this signature ('interface {}' when unknown). */
export function paramType(sig: GoFunc['goArity'], i: number): GoParamType {
  const types = sig?.types;
  if (!types) return 'interface {}';
  if (sig!.variadic && i >= sig!.params) return types[sig!.params] ?? 'interface {}';
  return types[i] ?? 'interface {}';
}

/** Go's %v for an action's output, with fast paths for the common kinds. */
function printable(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (Number.isInteger(v) && v < 1e6 && v > -1e6 && !Object.is(v, -0)) return String(v);
      return formatFloat(v, 'g', -1);
    case 'object':
      if (v !== null && goKind(v) === 'struct') {
        // Go takes the address of an addressable value when only the pointer has String/Error
        const errorMethod = (v as { Error?: unknown }).Error;
        if (typeof errorMethod === 'function') return String(errorMethod.call(v));
        const stringMethod = (v as { String?: unknown }).String;
        if (typeof stringMethod === 'function') return String(stringMethod.call(v));
        return formatIndirect(v);
      }
  }
  return formatValue(v, 'v');
}

/**
 * The state of one execution. Its members are public for the compiled closures (compile-tree.ts),
 * which run the tree (execute.ts starts them); the methods here evaluate the parts the closures delegate.
 */

/**
 * What a number constant evaluates to, per parsed node: a template runs the same `{{ 1 }}` once per
 * range iteration and include, and telling its kind from its text takes two regular expressions.
 */
const IDEAL_CONSTANTS = new WeakMap<NumberNode, { value: unknown }>();

export class ExecState {
  out: string[] = [];
  outLen = 0;
  vars: Variable[];
  depth = 0;
  node: Node | null = null;
  dotIface = false;
  rangeIterations = 0;
  readonly funcs: Map<string, GoFunc>;
  readonly maxOutputBytes: number;

  constructor(
    readonly set: ExecutionSettings,
    public tmpl: Template,
    data: unknown,
  ) {
    this.vars = [{ name: '$', value: data, iface: false }];
    this.funcs = set.funcs;
    this.maxOutputBytes = set.maxOutputBytes;
  }

  // ---------- errors ----------
  errorf(detail: string, cause?: unknown): never {
    const n = this.node;
    if (!n) throw new TemplateExecError(this.tmpl.name, '', 0, 0, '', detail, cause);
    const [line, col] = lineCol(n.tree.text, n.pos);
    throw new TemplateExecError(this.tmpl.name, n.tree.parseName, line, col, nodeString(n), detail, cause);
  }

  write(s: string): void {
    this.out.push(s);
    if ((this.outLen += s.length) > this.maxOutputBytes) this.outputLimitExceeded();
  }

  outputLimitExceeded(): never {
    this.errorf(`output size limit exceeded (${this.set.maxOutputBytes})`);
  }

  // ---------- variables ----------
  varValue(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    this.errorf(`undefined variable: ${name}`);
  }

  setVar(name: string, value: unknown, iface: boolean): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        this.vars[i].iface = iface;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  printValue(node: Node, v: unknown): void {
    if (v === undefined) {
      this.write('<no value>');
      return;
    }
    if (typeof v === 'function') {
      this.node = node;
      this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(v)}`);
    }
    this.write(printable(v));
  }

  // ---------- evaluation ----------
  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.node = pipe;
    let value: unknown = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, cmds[i], value);
      // an interface holding nil becomes the invalid value (Go digs into interface{} results)
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value, false);
      else this.vars.push({ name: v.ident[0], value, iface: false });
    }
    return value;
  }

  notAFunction(args: ArgNode[] | null, final: Final): void {
    if ((args && args.length > 1) || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args![0])}`);
    }
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.kind) {
      case K.Field:
        return this.evalFieldNode(dot, first, cmd.args, final);
      case K.Chain:
        return this.evalChainNode(dot, first, cmd.args, final);
      case K.Identifier:
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case K.Pipe:
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case K.Variable:
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case K.Bool:
        return first.value;
      case K.Dot:
        return dot;
      case K.Nil:
        return this.errorf('nil is not a command');
      case K.Number:
        return this.idealConstant(first);
      case K.String:
        return first.text;
    }
  }

  idealConstant(n: NumberNode): unknown {
    this.node = n;
    const known = IDEAL_CONSTANTS.get(n);
    if (known) return known.value;
    const t = n.text;
    const isHexInt = t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
    let value: unknown;
    if (n.isFloat && !isHexInt && t[0] !== "'" && /[.eEpP]/.test(t)) value = n.float;
    else if (n.isInt) value = n.int;
    else if (n.isUint) this.errorf(`${t} overflows int`);
    IDEAL_CONSTANTS.set(n, { value });
    return value;
  }

  evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[] | null, final: Final): unknown {
    this.node = field;
    return this.evalFieldChain(dot, dot, this.dotIface, field, field.ident, 0, args, final);
  }

  evalChainNode(dot: unknown, chain: ChainNode, args: ArgNode[] | null, final: Final): unknown {
    this.node = chain;
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.kind === K.Nil) this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'reflect.Value', chain.node);
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, 0, args, final);
  }

  evalVariableNode(dot: unknown, v: VariableNode, args: ArgNode[] | null, final: Final): unknown {
    this.node = v;
    const variable = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return variable.value;
    }
    return this.evalFieldChain(dot, variable.value, variable.iface, v, v.ident, 1, args, final);
  }

  evalFieldChain(
    dot: unknown,
    receiver: unknown,
    iface: boolean,
    node: Node,
    ident: string[],
    from: number,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    const n = ident.length;
    let i = from;
    // fast path: fields that are ordinary entries of plain maps (evalField's first case)
    const lastPlain = (args !== null && args.length > 1) || final !== MISSING ? n - 1 : n;
    for (; i < lastPlain; i++) {
      if (typeof receiver !== 'object' || receiver === null) break;
      const proto = Object.getPrototypeOf(receiver);
      if (proto !== Object.prototype && proto !== null) break;
      const name = ident[i];
      if (!Object.prototype.hasOwnProperty.call(receiver, name)) break;
      const value = (receiver as Record<string, unknown>)[name];
      if (typeof value === 'function') break;
      iface = true;
      receiver = value === undefined ? null : value;
    }
    if (i === n) return receiver;
    for (; i < n - 1; i++) {
      const r = this.evalField(dot, ident[i], node, null, MISSING, receiver, iface);
      iface = goKind(receiver) === 'map';
      receiver = r;
    }
    return this.evalField(dot, ident[n - 1], node, args, final, receiver, iface);
  }

  evalField(
    dot: unknown,
    name: string,
    node: Node,
    args: ArgNode[] | null,
    final: Final,
    receiver: unknown,
    iface: boolean,
  ): unknown {
    if (receiver === undefined) {
      if (this.set.missingKey === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    const kind = goKind(receiver);
    if (kind === 'map') {
      const m = receiver as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(m, name)) {
        const value = m[name];
        if (typeof value === 'function') {
          // a method of a named map type (non-enumerable): Go looks methods up first and calls
          // them even without arguments
          if (!Object.prototype.propertyIsEnumerable.call(m, name))
            return this.evalCall(dot, value as GoFunc, m, node, name, args, final);
          // Go returns a func stored in a map as a value; we call it only when given arguments, so
          // plain objects can also carry methods (`.Files.Get "x"`) while `call .f` keeps working.
          if (hasArgs) return this.evalCall(dot, value as GoFunc, m, node, name, args, final);
        }
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        return value === undefined ? null : value;
      }
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      switch (this.set.missingKey) {
        case 'zero':
          return null;
        case 'error':
          return this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
        default:
          return undefined;
      }
    }
    if (kind === 'slice') {
      const method = methodOfCollection(receiver as object, name);
      if (method) return this.evalCall(dot, method as GoFunc, receiver, node, name, args, final);
    }
    if (kind === 'struct' || kind === 'func') {
      const member = memberOf(receiver as object, name);
      if (typeof member === 'function') return this.evalCall(dot, member as GoFunc, receiver, node, name, args, final);
      if (member !== undefined || hasMember(receiver as object, name)) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return member === undefined ? null : member;
      }
      if (receiver instanceof Map) {
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        return receiver.has(name) ? (receiver.get(name) ?? null) : this.set.missingKey === 'zero' ? null : undefined;
      }
    }
    this.errorf(`can't evaluate field ${name} in type ${iface ? 'interface {}' : goTypeName(receiver)}`);
  }

  evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: ArgNode[] | null, final: Final): unknown {
    this.node = node;
    const fn = this.funcs.get(node.ident);
    if (!fn) this.errorf(`${JSON.stringify(node.ident)} is not a defined function`);
    return this.evalCall(dot, fn, undefined, cmd, node.ident, args, final);
  }

  evalCall(
    dot: unknown,
    fn: GoFunc,
    self: unknown,
    node: Node,
    name: string,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    // args[0] is the function or field itself; the arguments follow it
    const argCount = args ? args.length - 1 : 0;
    const sig = fn.goArity;
    const numIn = argCount + (final !== MISSING ? 1 : 0);
    if (sig) {
      if (sig.variadic) {
        if (numIn < sig.params)
          this.errorf(`wrong number of args for ${name}: want at least ${sig.params} got ${argCount}`);
      } else if (numIn !== sig.params) {
        this.errorf(`wrong number of args for ${name}: want ${sig.params} got ${numIn}`);
      }
    }
    const special = (fn as SpecialFunc)[specialBuiltin];
    if (special === 'and' || special === 'or') {
      let v: unknown;
      for (let i = 1; i <= argCount; i++) {
        v = this.evalArg(dot, 'reflect.Value', args![i]);
        if (isTrue(v) === (special === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: unknown[] = new Array(numIn);
    for (let i = 0; i < argCount; i++) argv[i] = this.evalArg(dot, paramType(sig, i), args![i + 1]);
    if (final !== MISSING) argv[argCount] = this.validateType(final, paramType(sig, argCount));
    let result: unknown;
    try {
      if (special === 'call') {
        result = this.callFunction(nodeString(argCount > 0 ? args![1] : node), argv[0], argv.slice(1));
      } else {
        result = fn.apply(self, argv);
      }
    } catch (e) {
      this.node = node;
      this.errorf(`error calling ${name}: ${errorMessage(e)}`, e);
    }
    return result === undefined ? null : result;
  }

  /** The `call` builtin. */
  callFunction(name: string, fn: unknown, args: unknown[]): unknown {
    if (fn === undefined || fn === null) throw new Error('call of nil');
    if (typeof fn !== 'function') throw new Error(`non-function ${name} of type ${goTypeName(fn)}`);
    const sig = (fn as GoFunc).goArity;
    if (sig) {
      if (sig.variadic && args.length < sig.params)
        throw new Error(`wrong number of args for ${name}: got ${args.length} want at least ${sig.params}`);
      if (!sig.variadic && args.length !== sig.params)
        throw new Error(`wrong number of args for ${name}: got ${args.length} want ${sig.params}`);
    }
    return (fn as GoFunc)(...args.map((a) => (a === undefined ? null : a)));
  }

  validateType(value: unknown, type: GoParamType): unknown {
    if (type === 'reflect.Value') return value;
    if (value === undefined) {
      if (nillableTypes.has(type)) return null;
      this.errorf(`invalid value; expected ${type}`);
    }
    if (type === 'interface {}') return value;
    if (value === null) this.errorf(`wrong type for value; expected ${type}; got interface {}`);
    let ok: boolean;
    if (type === 'string') ok = typeof value === 'string';
    else if (type === 'bool') ok = typeof value === 'boolean';
    else if (intTypes.has(type) || uintTypes.has(type)) ok = typeof value === 'bigint';
    else if (type === 'float64' || type === 'float32') ok = typeof value === 'number';
    else if (type === '[]interface {}') ok = Array.isArray(value);
    else if (type === '[]string') ok = Array.isArray(value);
    else if (type === 'map[string]interface {}') ok = goKind(value) === 'map';
    else ok = true;
    if (!ok) this.errorf(`wrong type for value; expected ${type}; got ${goTypeName(value)}`);
    return value;
  }

  evalArg(dot: unknown, type: GoParamType, n: ArgNode): unknown {
    this.node = n;
    switch (n.kind) {
      case K.Dot:
        return this.validateType(dot, type);
      case K.Nil:
        if (type === 'reflect.Value') return undefined;
        if (nillableTypes.has(type)) return null;
        return this.errorf(`cannot assign nil to ${type}`);
      case K.Field:
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), type);
      case K.Variable:
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), type);
      case K.Pipe:
        return this.validateType(this.evalPipeline(dot, n), type);
      case K.Identifier:
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), type);
      case K.Chain:
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), type);
    }
    if (type === 'interface {}' || type === 'reflect.Value') {
      switch (n.kind) {
        case K.Bool:
          return n.value;
        case K.Number:
          return this.idealConstant(n);
        case K.String:
          return n.text;
      }
    }
    if (type === 'bool') {
      if (n.kind === K.Bool) return n.value;
      this.errorf(`expected bool; found ${nodeString(n)}`);
    }
    if (type === 'string') {
      if (n.kind === K.String) return n.text;
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    if (intTypes.has(type)) {
      if (n.kind === K.Number && n.isInt) return n.int;
      this.errorf(`expected integer; found ${nodeString(n)}`);
    }
    if (uintTypes.has(type)) {
      if (n.kind === K.Number && n.isUint) return n.int;
      this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
    }
    if (type === 'float64' || type === 'float32') {
      if (n.kind === K.Number && n.isFloat) return n.float;
      this.errorf(`expected float; found ${nodeString(n)}`);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${type}`);
  }
}
