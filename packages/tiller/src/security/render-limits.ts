// Tiller's default bounds on rendering one chart: a chart is input from a client and must not be
// able to exhaust Tiller (deep include/tpl recursion, huge outputs, endless ranges).
import type { RenderLimits } from '@helmts/engine';

export interface TillerRenderLimits extends RenderLimits {
  /** all rendered files of one release together */
  maxRenderedBytes?: number;
}

export const DEFAULT_RENDER_LIMITS: Required<TillerRenderLimits> = {
  // Helm's own include limit is 1000 per name; nesting of template/include/tpl calls past this is a loop
  maxDepth: 1000,
  // one template's output
  maxOutputBytes: 16 * 1024 * 1024,
  maxRangeIterations: 10_000_000,
  // everything one release renders (a record must also fit into 1 MiB once compressed)
  maxRenderedBytes: 64 * 1024 * 1024,
};
