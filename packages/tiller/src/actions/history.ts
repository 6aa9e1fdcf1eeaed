// GetHistory: revisions newest first, at most `max` (Helm 2's Tiller: 0 gives none, so
// `helm history x --max 0` prints nothing; a request without max is one for 0).
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { validateReleaseName } from './action-errors.js';

export async function releaseHistory(ctx: TillerContext, opts: { name: string; max?: number }): Promise<Release[]> {
  validateReleaseName(opts.name);
  const all = (await ctx.storage.history(opts.name)).sort((a, b) => b.version - a.version);
  return opts.max === undefined ? all : all.slice(0, Math.max(0, opts.max));
}
