import { formatGoStructured } from '@helmts/core';
import type { GetReleaseStatusResponse, Release } from '@helmts/proto';

import { goReleaseStatus } from './format/go-release-status.js';
import { formatStatusBlock } from './format/status-block.js';
import { formatReleaseDump } from './release-content.js';
import type { TillerConnection } from './tiller/connection.js';

/**
 * After install/upgrade, as Helm 2 prints it. Install: NAME (tables only) and, with --debug, the
 * release (printRelease); a dry run stops there. Upgrade: with --debug the release (whatever -o
 * says), then "has been upgraded" (tables only). Then the status as Tiller reports it after the
 * operation (`live`, with the live RESOURCES), as a status block or JSON/YAML; for an upgrade
 * --dry-run that is the release as it stands.
 */
export function formatReleaseResult(
  release: Release,
  output: string,
  options: { debug?: boolean; dryRun?: boolean; live?: GetReleaseStatusResponse; upgrade?: boolean } = {},
): string {
  const structured = output === 'json' || output === 'yaml';
  let text = '';
  if (options.upgrade) {
    if (options.debug) text += formatReleaseDump(release);
    if (!structured) text += `Release ${JSON.stringify(release.name)} has been upgraded.\n`;
  } else {
    if (!structured) text += `NAME:   ${release.name}\n${options.debug ? formatReleaseDump(release) : ''}`;
    if (options.dryRun) {
      const description = release.info?.Description;
      // Helm 2 warns when Tiller's description is not the usual one (e.g. a release name reused)
      if (description && description !== 'Dry run complete') text += `WARNING: ${description}\n`;
      return text;
    }
  }
  const status = options.live ?? { name: release.name, info: release.info, namespace: release.namespace };
  // -o json|yaml: the status response as Helm 2's client encodes it (as `status -o json`)
  return text + (structured ? formatGoStructured(goReleaseStatus(status), output) : formatStatusBlock(status));
}

/**
 * The release's status as Tiller reports it now (Helm 2's client asks for it after install and
 * upgrade). `version`: the revision the operation just recorded, which Tiller reads by its name;
 * asking for the latest (0) makes Tiller list the release's records, and the API server may hold a
 * list that follows writes until its cache has caught up (~80 ms after an upgrade).
 */
export function liveStatus(tiller: TillerConnection, name: string, version = 0): Promise<GetReleaseStatusResponse> {
  return tiller.call<{ name: string; version: number }, GetReleaseStatusResponse>('GetReleaseStatus', {
    name,
    version,
  });
}
