// GetHistory: revisions newest first, at most `max`.
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { validateReleaseName } from './action-errors.js';

export async function releaseHistory(ctx: TillerContext, opts: { name: string; max?: number }): Promise<Release[]> {
  validateReleaseName(opts.name);
  const all = (await ctx.storage.history(opts.name)).sort((a, b) => b.version - a.version);
  return opts.max && opts.max > 0 ? all.slice(0, opts.max) : all;
}
