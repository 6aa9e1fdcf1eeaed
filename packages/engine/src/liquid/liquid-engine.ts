/**
 * The `liquid` engine (Chart.yaml `engine: liquid`): renders a chart's templates with liquidjs
 * over the same objects as gotpl (`Release`, `Chart`, `Values`, `Capabilities`, `Files`,
 * `Template`, `Subcharts`), with Helm's functions as filters (helm-filters.ts), strict variables and
 * filters, and partials `templates/_NAME.liquid` (chart-partials.ts). Each chart gets its own
 * Liquid instance, so partial names resolve in the chart first, the way a subchart's `.Values`
 * are its own.
 */
import { Liquid } from 'liquidjs';
import { sprint } from '@helmts/gotemplate';
import type { ChartScope, Engine, EngineRenderOptions, RenderedTemplates } from '../engine.js';
import { RenderError } from '../engine.js';
import { ChartPartials, isPartial } from './chart-partials.js';
import { helmFilters } from './helm-filters.js';
import { toLiquidObject } from './go-object-drop.js';
import { formatLiquidError } from './liquid-error-format.js';

// a BOM left in a file is Helm 2's (its loader keeps them, and renders them): text, as in Go
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** What `{{ x }}` prints: strings as they are, nil as nothing, anything else as Go's %v. */
function goOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return sprint(value);
}

function liquidObjects(objects: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(objects)) {
    if (key === 'Subcharts' && value && typeof value === 'object') {
      const subcharts: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) subcharts[name] = liquidObjects(sub as Record<string, unknown>);
      out[key] = subcharts;
    } else out[key] = toLiquidObject(value);
  }
  return out;
}

export class LiquidEngine implements Engine {
  readonly name = 'liquid';

  render(options: EngineRenderOptions): RenderedTemplates {
    const rendered: RenderedTemplates = new Map();
    const filters = helmFilters({
      lookup: options.lookup,
      lintMode: options.lintMode,
      warn: options.warn,
      dialect: options.dialect,
    });
    for (const scope of options.scopes) this.renderChart(scope, filters, rendered, options);
    return rendered;
  }

  private renderChart(
    scope: ChartScope,
    filters: ReturnType<typeof helmFilters>,
    out: RenderedTemplates,
    options: EngineRenderOptions,
  ): void {
    const templatesDir = `${scope.path}/templates`;
    const partials = new ChartPartials(scope.chart, scope.path);
    const liquid = new Liquid({
      fs: partials,
      root: [templatesDir],
      partials: [templatesDir],
      layouts: [templatesDir],
      extname: '',
      relativeReference: false,
      strictVariables: true,
      strictFilters: true,
      // conditions and `default` may read an unset value, as gotpl templates do
      lenientIf: !options.strict,
      ownPropertyOnly: true,
      cache: true,
      outputEscape: goOutput,
    });
    for (const [name, filter] of Object.entries(filters)) liquid.registerFilter(name, filter);

    const isLibrary = (scope.chart.metadata.type ?? '').toLowerCase() === 'library';
    if (isLibrary) return;
    const objects = liquidObjects(scope.objects);
    const fileOf = (source: string): string | undefined => partials.fileOf(source);
    const names = scope.chart.templates
      .map((t) => t.name)
      .filter((n) => !isPartial(n))
      .sort();
    for (const name of names) {
      const path = `${scope.path}/${name}`;
      const text = utf8.decode(scope.chart.templates.find((t) => t.name === name)!.data);
      let template;
      try {
        template = liquid.parse(text, path);
      } catch (e) {
        throw new RenderError(formatLiquidError(path, e, fileOf), path);
      }
      try {
        // globals, so `{% render %}` partials (isolated scope) see the objects too
        const globals = { ...objects, Template: { Name: path, BasePath: templatesDir } };
        out.set(path, liquid.renderSync(template, {}, { globals }) as string);
      } catch (e) {
        throw new RenderError(formatLiquidError(path, e, fileOf), path);
      }
    }
  }
}
