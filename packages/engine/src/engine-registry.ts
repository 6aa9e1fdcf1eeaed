/**
 * Engines by name; the Chart.yaml `engine` field of each chart picks one. Tiller and `helmts
 * template` share one registry; extra engines can be registered (e.g. from an npm package).
 */
import type { Engine } from './engine.js';
import { RenderError } from './engine.js';
import { GotplEngine } from './gotpl/gotpl-engine.js';
import { LiquidEngine } from './lazy-liquid-engine.js';

export const DEFAULT_ENGINE = 'gotpl';

export class EngineRegistry {
  private readonly engines = new Map<string, Engine>();

  /** A registry with the built-in `gotpl` and `liquid` engines. */
  static withBuiltins(): EngineRegistry {
    return new EngineRegistry().register(new GotplEngine()).register(new LiquidEngine());
  }

  register(engine: Engine): this {
    this.engines.set(engine.name, engine);
    return this;
  }

  has(name: string): boolean {
    return this.engines.has(name);
  }

  names(): string[] {
    return [...this.engines.keys()].sort();
  }

  /** The engine for a chart's `engine` field ('' or absent = gotpl); unknown → RenderError. */
  forChart(chartName: string, engineName: string | undefined): Engine {
    const name = engineName && engineName.trim() !== '' ? engineName.trim() : DEFAULT_ENGINE;
    const engine = this.engines.get(name);
    if (!engine) {
      throw new RenderError(
        `chart "${chartName}" requires template engine "${name}", which is not available (known engines: ${this.names().join(', ')})`,
      );
    }
    return engine;
  }
}

/** Loads an engine from an installed npm package exporting `engine` or a default Engine. */
export async function loadEngineFromPackage(packageName: string): Promise<Engine> {
  const mod = (await import(packageName)) as { engine?: Engine; default?: Engine | { engine?: Engine } };
  const candidate =
    mod.engine ??
    (mod.default && 'render' in mod.default ? mod.default : (mod.default as { engine?: Engine } | undefined)?.engine);
  if (!candidate || typeof candidate.name !== 'string' || typeof candidate.render !== 'function') {
    throw new Error(`package "${packageName}" does not export a template engine (an object with name and render)`);
  }
  return candidate;
}
