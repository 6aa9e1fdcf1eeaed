import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import type * as Yaml from 'yaml';

/** The repositories Helm 2.17 warns about, in its order. */
const EXPIRED = [
  { name: 'stable', old: 'kubernetes-charts.storage.googleapis.com', now: 'https://charts.helm.sh/stable' },
  {
    name: 'incubator',
    old: 'kubernetes-charts-incubator.storage.googleapis.com',
    now: 'https://charts.helm.sh/incubator',
  },
];

/**
 * Helm 2.17's warning, before every command, for a `stable` or `incubator` repository still at its
 * old googleapis URL (its checkForExpiredRepos, which also stops at the first of the two that is
 * not configured). The file is only parsed when it mentions googleapis at all.
 */
export function expiredRepositoryWarnings(repositoryFile: string): string {
  let text: string;
  try {
    text = readFileSync(repositoryFile, 'utf8');
  } catch {
    return '';
  }
  if (!text.includes('storage.googleapis.com')) return '';
  let entries: { name?: unknown; url?: unknown }[];
  try {
    const yaml = createRequire(import.meta.url)('yaml') as typeof Yaml;
    const doc = yaml.parse(text) as { repositories?: unknown } | null;
    entries = Array.isArray(doc?.repositories) ? (doc.repositories as { name?: unknown; url?: unknown }[]) : [];
  } catch {
    return ''; // an unreadable file is reported by the command that needs it, as Helm 2
  }
  let out = '';
  for (const expired of EXPIRED) {
    const entry = entries.find((e) => e?.name === expired.name);
    if (!entry) break;
    if (typeof entry.url === 'string' && entry.url.includes(expired.old))
      out +=
        `WARNING: ${JSON.stringify(expired.old)} is deprecated for ${JSON.stringify(expired.name)} and will be deleted Nov. 13, 2020.\n` +
        `WARNING: You should switch to ${JSON.stringify(expired.now)}\n`;
  }
  return out;
}
