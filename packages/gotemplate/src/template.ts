import type { GoFunc } from './go-func.js';
import type { Tree } from './parse/ast.js';

/** Go's `missingkey` option (see TemplateSetOptions). */
export type MissingKey = 'default' | 'zero' | 'error';

/** A parsed template: Go's *template.Template for one name. */
export interface Template {
  readonly name: string;
  readonly tree: Tree;
}

/**
 * What an execution reads of its template set: the options and the templates `{{template}}` finds.
 * TemplateSet implements it; the evaluator depends on this, not on TemplateSet, which runs it.
 */
export interface ExecutionSettings {
  readonly missingKey: MissingKey;
  readonly maxDepth: number;
  readonly maxOutputBytes: number;
  readonly maxRangeIterations: number;
  readonly funcs: Map<string, GoFunc>;
  readonly templates: ReadonlyMap<string, Template>;
}
