import { formatStructured } from '@helmts/core';
import type { Release } from '@helmts/proto';

import { formatStatusBlock } from './format/status-block.js';

/** After install/upgrade: NAME plus the status block, or the status response as JSON/YAML. */
export function formatReleaseResult(
  release: Release,
  output: string,
  options: { debug?: boolean; dryRun?: boolean } = {},
): string {
  const status = { name: release.name, info: release.info, namespace: release.namespace };
  if (output === 'json' || output === 'yaml') return formatStructured(status, output);
  let text = `NAME:   ${release.name}\n`;
  if (options.debug || options.dryRun) {
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
