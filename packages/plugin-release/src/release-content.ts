import { coalesceValues, parseValuesYaml, toYaml } from '@helmts/chart';
import type { GetReleaseContentResponse, Release } from '@helmts/proto';
import { chartFromMessage } from '@helmts/tiller/chart-message';

import { formatAnsic, timestampToDate } from './format/go-time.js';
import { chartLabel } from './format/release-tables.js';
import type { TillerConnection } from './tiller/connection.js';

/** One release revision's stored content (revision 0 = the latest). */
export async function getReleaseContent(tiller: TillerConnection, name: string, revision = 0): Promise<Release> {
  const request = { name, version: revision };
  const response = await tiller.call<typeof request, GetReleaseContentResponse>('GetReleaseContent', request);
  if (!response.release) throw new Error(`Tiller returned no content for release "${name}"`);
  return response.release;
}

/** The values the user supplied for this revision. */
export function userSuppliedValues(release: Release) {
  return parseValuesYaml(release.config?.raw ?? '', 'user-supplied values');
}

/**
 * The chart's defaults coalesced with the user's values, as Helm 2's client computes them
 * (`get values --all`, COMPUTED VALUES): with Helm 2's coalescing, which drops user nulls.
 */
export function computedValues(release: Release) {
  const user = userSuppliedValues(release);
  if (!release.chart) return user;
  return coalesceValues(chartFromMessage(release.chart), user, { helm2: true });
}

export function formatHooks(release: Release): string {
  return release.hooks.map((h) => `---\n# ${h.name}\n${h.manifest}\n`).join('');
}

/**
 * `helm get RELEASE`, and install/upgrade --debug: one revision in Helm 2's printRelease template,
 * byte for byte (the user-supplied values as stored, the computed ones as YAML, hooks, manifest).
 */
export function formatReleaseDump(release: Release): string {
  const released = timestampToDate(release.info?.last_deployed);
  const hooks = release.hooks.map((h) => `\n---\n# ${h.name}\n${h.manifest}`).join('');
  return [
    `REVISION: ${release.version}`,
    `RELEASED: ${released ? formatAnsic(released) : ''}`,
    `CHART: ${chartLabel(release)}`,
    'USER-SUPPLIED VALUES:',
    release.config?.raw ?? '',
    'COMPUTED VALUES:',
    toYaml(computedValues(release)),
    `HOOKS:${hooks}`,
    'MANIFEST:',
    `${release.manifest}\n`,
  ].join('\n');
}
