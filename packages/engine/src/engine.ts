/**
 * The engine interface: how a template language plugs into helmts's render pipeline.
 *
 * The pipeline (render-chart.ts) walks the chart tree, computes what each chart's templates see
 * (`.Chart`, `.Values` scoped to the subchart, `.Release`, `.Capabilities`, `.Files`,
 * `.Subcharts`), groups the charts by their Chart.yaml `engine` (default `gotpl`) and asks each
 * engine to render its charts. Engines return the rendered text of every non-partial template,
 * keyed by template path (`<chart>/templates/x.yaml`, `<parent>/charts/<sub>/templates/x.yaml`),
 * NOTES.txt included. Everything after that (NOTES extraction, splitting, hooks, kind ordering,
 * output) is shared.
 */
import type { FuncMap } from '@helmts/gotemplate';
import type { ChartTree } from './chart-tree.js';

/** One chart of the tree as its templates see it. */
export interface ChartScope {
  chart: ChartTree;
  /** the chart's full path: `<root>` or `<root>/charts/<sub>/charts/<subsub>` */
  path: string;
  /** the top-level objects: Chart, Values, Release, Capabilities, Files, Subcharts */
  objects: Record<string, unknown>;
  isRoot: boolean;
}

/** Looks up live cluster objects (`lookup apiVersion kind namespace name`); {} when there is no cluster. */
export type LookupFunction = (
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
) => Record<string, unknown>;

export interface EngineRenderOptions {
  /** the charts this engine renders (parents before their subcharts) */
  scopes: ChartScope[];
  /** `lookup` implementation; without it lookup returns an empty map */
  lookup?: LookupFunction;
  /** lint mode: `required`/`fail` log instead of failing */
  lintMode?: boolean;
  /** receives what lint mode logs (HelmFunctionOptions.warn) */
  warn?: (message: string) => void;
  /** missing values are errors (Helm's --strict lint) */
  strict?: boolean;
  /** bounds for hostile charts (Tiller sets them); engines apply what applies to them */
  limits?: RenderLimits;
  /**
   * which Helm to render like: its functions (`helmFuncs`) and error texts; the pipeline always
   * sets it (default helm3)
   */
  dialect?: EngineDialect;
}

/** Options of a dialect's Helm functions. */
export interface HelmFunctionOptions {
  lintMode?: boolean;
  lookup?: LookupFunction;
  /** receives `required`/`fail` messages in lint mode */
  warn?: (message: string) => void;
}

/** What an engine takes from the render dialect (see dialects/render-dialect.ts). */
export interface EngineDialect {
  /** Helm's own functions (beside Sprig) for gotpl and, as filters, liquid */
  helmFuncs(options: HelmFunctionOptions): FuncMap;
  /** Sprig functions this Helm does not have (removed before `helmFuncs` are added) */
  readonly absentFuncs?: readonly string[];
  /**
   * The template name `tpl` parses its text under, from the data it was given (Helm 2: the calling
   * template's `.Template.Name`, which it requires; throws what Helm says). Default `gotpl`.
   */
  tplTemplateName?(text: string, vals: unknown): string;
  readonly errors: {
    parse(file: string, err: unknown): string;
    exec(file: string, err: unknown): string;
    /** `name`: what `tpl` parsed the text under (see `tplTemplateName`) */
    tplParse(text: string, err: unknown, name: string): string;
    tplExec(text: string, err: unknown, name: string): string;
  };
}

/** Bounds on one render. */
export interface RenderLimits {
  /** nesting of template/include/tpl calls */
  maxDepth?: number;
  /** size of one template's output, in UTF-16 code units */
  maxOutputBytes?: number;
  /** `range` iterations within one template */
  maxRangeIterations?: number;
}

/** Rendered text per template path; partials (`_*`) are absent. */
export type RenderedTemplates = Map<string, string>;

export interface Engine {
  /** the Chart.yaml `engine` value that selects this engine */
  readonly name: string;
  /** Renders every template of the given charts. Throws RenderError (or Error) on failure. */
  render(options: EngineRenderOptions): RenderedTemplates | Promise<RenderedTemplates>;
}

/** A render failure with Helm's message (`Error: ` is added by the CLI). */
export class RenderError extends Error {
  constructor(
    message: string,
    readonly template?: string,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}
