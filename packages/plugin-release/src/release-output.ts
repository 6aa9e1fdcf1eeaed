import { formatStructured } from '@helmts/core';
import type { GetReleaseStatusResponse, Release } from '@helmts/proto';

import { formatStatusBlock } from './format/status-block.js';
import type { TillerConnection } from './tiller/connection.js';

/**
 * After install/upgrade: NAME plus the status block, or the status response as JSON/YAML. As Helm 2,
 * the status is asked of Tiller after the operation (`live`, with the live RESOURCES); without it
 * (a dry run) the release's own info stands in.
 */
export function formatReleaseResult(
  release: Release,
  output: string,
  options: { debug?: boolean; dryRun?: boolean; live?: GetReleaseStatusResponse; upgrade?: boolean } = {},
): string {
  const status = options.live ?? { name: release.name, info: release.info, namespace: release.namespace };
  if (output === 'json' || output === 'yaml') return formatStructured(status, output);
  // Helm 2's upgrade prints no NAME line, and the release's status even for --dry-run
  let text = options.upgrade ? '' : `NAME:   ${release.name}\n`;
  if (options.debug || (options.dryRun && !options.upgrade)) {
    if (options.debug) {
      text += `REVISION: ${release.version}\nCHART: ${release.chart?.metadata?.name}-${release.chart?.metadata?.version}\n`;
      text += `USER-SUPPLIED VALUES:\n${release.config?.raw ?? ''}\n`;
      for (const hook of release.hooks) text += `---\n# ${hook.name}\n${hook.manifest}\n`;
      text += `MANIFEST:\n${release.manifest}\n`;
    }
    const description = release.info?.Description;
    if (options.dryRun && description && description !== 'Dry run complete') text += `WARNING: ${description}\n`;
    if (options.dryRun) return text;
  }
  return text + formatStatusBlock(status);
}

/** The release's status as Tiller reports it now (Helm 2's client asks for it after install and upgrade). */
export function liveStatus(tiller: TillerConnection, name: string): Promise<GetReleaseStatusResponse> {
  return tiller.call<{ name: string; version: number }, GetReleaseStatusResponse>('GetReleaseStatus', {
    name,
    version: 0,
  });
}
