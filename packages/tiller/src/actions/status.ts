// GetReleaseStatus (reference §3.8–3.9): the stored release plus the live state of its resources.
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import { NoRevisionError } from '../storage/index.js';
import { validateReleaseName } from './action-errors.js';
import { statusCode } from './release-status.js';
import { statusResources } from './status-resources.js';

export interface StatusOptions {
  name: string;
  version?: number;
}

export async function releaseStatus(
  ctx: TillerContext,
  opts: StatusOptions,
): Promise<{ name: string; namespace: string; info: Release['info'] }> {
  validateReleaseName(opts.name);
  const rel =
    opts.version && opts.version > 0
      ? await ctx.storage.get(opts.name, opts.version)
      : await ctx.storage.last(opts.name).catch((error: unknown) => {
          // Helm 2's Tiller says which lookup failed
          if (error instanceof NoRevisionError)
            throw new NoRevisionError(opts.name, `getting deployed release ${JSON.stringify(opts.name)}`);
          throw error;
        });
  const code = statusCode(rel);
  if (code !== 'DELETED' && code !== 'FAILED' && rel.info?.status)
    rel.info.status.resources = await statusResources(ctx, rel);
  return { name: rel.name, namespace: rel.namespace, info: rel.info };
}
