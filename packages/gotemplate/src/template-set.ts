import { type FuncMap, isValidFuncName } from './go-func.js';
import { GoError } from './errors.js';
import { isEmptyTree } from './parse/ast.js';
import { parseTemplates } from './parse/parser.js';
import { builtinFuncs } from './exec/builtins.js';
import { ExecState } from './exec/state.js';
import { executeTree, runExecution } from './exec/execute.js';
import type { ExecutionSettings, MissingKey, Template } from './template.js';

export type { MissingKey, Template };

export interface TemplateSetOptions {
  /** Go's `missingkey` option. 'default' (Go's "invalid"): missing map keys print `<no value>` and
   * chains through them yield nothing; 'zero': a missing key is a nil interface (Helm's choice);
   * 'error': missing keys are execution errors. */
  missingKey?: MissingKey;
  /** functions known to the parser; more can be added with addFuncs before parsing */
  funcs?: FuncMap;
  /** maximum nesting of `template` calls (Go: 100000); default 1000 */
  maxDepth?: number;
  /** maximum size of one execute() result in UTF-16 code units; unlimited by default */
  maxOutputBytes?: number;
  /** maximum number of `range` iterations in one execute(); unlimited by default */
  maxRangeIterations?: number;
}

/**
 * A family of associated templates sharing functions and definitions (Go's *template.Template).
 * Parse every file once; execute any of them (and their `define`s) by name.
 */
export class TemplateSet implements ExecutionSettings {
  readonly missingKey: MissingKey;
  readonly maxDepth: number;
  readonly maxOutputBytes: number;
  readonly maxRangeIterations: number;
  /** user functions merged over the builtins; read by the evaluator */
  readonly funcs: Map<string, FuncMap[string]>;
  readonly templates = new Map<string, Template>();
  /** every function name the parsed templates call (recorded by parse), so a caller can tell
   * whether executing them is repeatable (no random, clock or mutating functions) */
  readonly calledFunctions = new Set<string>();
  /** the execution in progress; a function calling back into execute() (include) reuses it */
  private running: ExecState | null = null;

  constructor(options: TemplateSetOptions = {}) {
    this.missingKey = options.missingKey ?? 'default';
    this.maxDepth = options.maxDepth ?? 1000;
    this.maxOutputBytes = options.maxOutputBytes ?? Infinity;
    this.maxRangeIterations = options.maxRangeIterations ?? Infinity;
    this.funcs = new Map(Object.entries(builtinFuncs));
    if (options.funcs) this.addFuncs(options.funcs);
  }

  /** Adds (or replaces) functions. Names must be Go identifiers; call before parse(). */
  addFuncs(funcs: FuncMap): this {
    for (const [name, fn] of Object.entries(funcs)) {
      if (!isValidFuncName(name)) throw new GoError(`function name ${JSON.stringify(name)} is not a valid identifier`);
      if (typeof fn !== 'function') throw new GoError(`value for ${name} not a function`);
      this.funcs.set(name, fn);
    }
    return this;
  }

  hasFunction(name: string): boolean {
    return this.funcs.has(name);
  }

  /**
   * Parses `text` as the template `name`, adding it and every `define`/`block` it contains.
   * As in Go, a later non-empty definition replaces an earlier one; an empty one never replaces.
   * Throws TemplateParseError.
   */
  parse(name: string, text: string): Template {
    const trees = parseTemplates(name, text, (fn) => {
      this.calledFunctions.add(fn);
      return this.funcs.has(fn);
    });
    for (const tree of trees.values()) {
      const old = this.templates.get(tree.name);
      if (old && isEmptyTree(tree.root)) continue;
      this.templates.set(tree.name, { name: tree.name, tree });
    }
    return this.templates.get(name) ?? { name, tree: trees.get(name)! };
  }

  lookup(name: string): Template | undefined {
    return this.templates.get(name);
  }

  /** Names of all templates (files and defines), sorted. */
  templateNames(): string[] {
    return [...this.templates.keys()].sort();
  }

  /**
   * Executes the template `name` with `data` as dot and returns the output. Throws TemplateExecError
   * (Go's message), or GoError for an unknown name.
   */
  execute(name: string, data: unknown): string {
    const tmpl = this.templates.get(name);
    if (!tmpl)
      throw new GoError(
        `template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(name)}`,
      );
    if (this.running) return executeTree(this, tmpl, data, this.running);
    const state = new ExecState(this, tmpl, data === null ? undefined : data);
    this.running = state;
    try {
      return runExecution(state, data === null ? undefined : data);
    } finally {
      this.running = null;
    }
  }

  /** A new set sharing the parsed templates and functions at this moment (Go's Clone); cheap. */
  clone(): TemplateSet {
    const copy = new TemplateSet({
      missingKey: this.missingKey,
      maxDepth: this.maxDepth,
      maxOutputBytes: this.maxOutputBytes,
      maxRangeIterations: this.maxRangeIterations,
    });
    for (const [k, v] of this.funcs) copy.funcs.set(k, v);
    for (const [k, v] of this.templates) copy.templates.set(k, v);
    for (const name of this.calledFunctions) copy.calledFunctions.add(name);
    return copy;
  }
}
