/**
 * The `liquid` engine as registered by default: liquidjs (and the engine built on it) is loaded on
 * the first render, so runs that only render gotpl charts (nearly all) do not pay for loading it.
 */
import type { Engine, EngineRenderOptions, RenderedTemplates } from './engine.js';

export class LiquidEngine implements Engine {
  readonly name = 'liquid';
  private loaded: Engine | undefined;

  async render(options: EngineRenderOptions): Promise<RenderedTemplates> {
    if (!this.loaded) {
      const { LiquidEngine: Loaded } = await import('./liquid/liquid-engine.js');
      this.loaded = new Loaded();
    }
    return this.loaded.render(options);
  }
}
