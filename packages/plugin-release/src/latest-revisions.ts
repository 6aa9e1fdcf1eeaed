import type { Release } from '@helmts/proto';

/**
 * Helm 2's client-side filterList: Tiller lists every stored revision whose status matches (a
 * release with a DEPLOYED and two FAILED revisions comes back three times); `list` shows each
 * release once, at its highest revision among them, in Tiller's order.
 */
export function latestRevisions(releases: Release[]): Release[] {
  const highest = new Map<string, number>();
  for (const r of releases) highest.set(r.name, Math.max(highest.get(r.name) ?? r.version, r.version));
  return releases.filter((r) => highest.get(r.name) === r.version);
}
