// GetReleaseStatus (reference §3.8–3.9): the stored release plus the live state of its resources.
import type { Release } from '@helmts/proto';
import type { TillerContext } from '../tiller-context.js';
import type { KubeObject } from '../kube/kube-client.js';
import { validateReleaseName } from './action-errors.js';
import { statusCode } from './release-ops.js';

export interface StatusOptions {
  name: string;
  version?: number;
}

function age(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - new Date(ts).getTime()) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** `==> v1/Service` sections with NAME / AGE rows, then a `==> MISSING` section. */
async function liveResources(ctx: TillerContext, rel: Release): Promise<string> {
  const objs = await ctx.kube.build(rel.manifest, rel.namespace);
  const sections = new Map<string, string[]>();
  const missing: KubeObject[] = [];
  for (const o of objs) {
    const live = await ctx.kube.get(o).catch(() => undefined);
    if (!live) {
      missing.push(o);
      continue;
    }
    const version = o.apiVersion.includes('/') ? o.apiVersion.split('/')[1] : o.apiVersion;
    const key = `${version}/${o.kind}`;
    const rows = sections.get(key) ?? [];
    rows.push(`${o.metadata.name}\t${age(live.metadata.creationTimestamp as unknown as string)}`);
    sections.set(key, rows);
  }
  let out = '';
  for (const [key, rows] of [...sections].sort(([a], [b]) => (a < b ? -1 : 1)))
    out += `==> ${key}\nNAME\tAGE\n${rows.join('\n')}\n\n`;
  if (missing.length > 0)
    out += `==> MISSING\nKIND\t\tNAME\n${missing.map((o) => `${o.apiVersion}/${o.kind}\t\t${o.metadata.name}`).join('\n')}\n`;
  return out;
}

export async function releaseStatus(
  ctx: TillerContext,
  opts: StatusOptions,
): Promise<{ name: string; namespace: string; info: Release['info'] }> {
  validateReleaseName(opts.name);
  const rel =
    opts.version && opts.version > 0
      ? await ctx.storage.get(opts.name, opts.version)
      : await ctx.storage.last(opts.name);
  const code = statusCode(rel);
  if (code !== 'DELETED' && code !== 'FAILED' && rel.info?.status)
    rel.info.status.resources = await liveResources(ctx, rel);
  return { name: rel.name, namespace: rel.namespace, info: rel.info };
}
