/** Runs an execution: the compiled tree of its template over its state (see state.ts, compile-tree.ts). */
import type { ExecutionSettings, Template } from '../template.js';
import { compiledTree } from './compile-tree.js';
import { ExecState } from './state.js';

/** Runs the state's template with `data` as dot and returns the output. */
export function runExecution(st: ExecState, data: unknown): string {
  compiledTree(st.tmpl.tree)(st, data);
  return st.out.length === 1 ? st.out[0] : st.out.join('');
}

/**
 * Executes another template of the set from inside a function the state is calling (Helm's
 * `include`), as a fresh execution would (own output, variables, depth and limits) but without
 * allocating a new state.
 */
function runNested(st: ExecState, tmpl: Template, data: unknown): string {
  const { out, outLen, vars, depth, node, dotIface, rangeIterations } = st;
  const savedTmpl = st.tmpl;
  st.out = [];
  st.outLen = 0;
  st.vars = [{ name: '$', value: data, iface: false }];
  st.depth = 0;
  st.node = null;
  st.dotIface = false;
  st.rangeIterations = 0;
  st.tmpl = tmpl;
  try {
    return runExecution(st, data);
  } finally {
    st.out = out;
    st.outLen = outLen;
    st.vars = vars;
    st.depth = depth;
    st.node = node;
    st.dotIface = dotIface;
    st.rangeIterations = rangeIterations;
    st.tmpl = savedTmpl;
  }
}

/** Executes a template; `running` is the set's execution in progress, if any (see runNested). */
export function executeTree(set: ExecutionSettings, tmpl: Template, data: unknown, running: ExecState | null): string {
  const dot = data === null ? undefined : data;
  if (running) return runNested(running, tmpl, dot);
  return runExecution(new ExecState(set, tmpl, dot), dot);
}
