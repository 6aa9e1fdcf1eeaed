// GetReleaseContent: the stored release (manifest, values, hooks, notes).
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { validateReleaseName } from './action-errors.js';

export async function releaseContent(ctx: TillerContext, opts: { name: string; version?: number }): Promise<Release> {
  validateReleaseName(opts.name);
  return opts.version && opts.version > 0 ? ctx.storage.get(opts.name, opts.version) : ctx.storage.last(opts.name);
}
