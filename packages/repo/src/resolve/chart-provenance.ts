import { stat } from 'node:fs/promises';

import { downloadToFile } from '../http/download.js';
import { redactUrl } from '../http/url.js';
import { defaultKeyring } from '../provenance/default-keyring.js';
import { ProvenanceError } from '../provenance/provenance-error.js';
import { verifyChartArchive } from '../provenance/verify-chart-archive.js';
import type { ChartLocation, ChartRequest, ResolvedChart } from './chart-source.js';

/**
 * After a download with `request.provenance` set, as Helm 2's ChartDownloader: fetches
 * `<chart URL>.prov` beside the archive and, for 'verify', checks the archive against it. A
 * missing provenance file is a warning for 'fetch' and Helm 2's "Failed to fetch provenance" for
 * 'verify'. A chart that fails verification stays where it was saved, with its .prov, as Helm 2
 * leaves them (to be inspected); the caller refuses to use it.
 */
export async function downloadProvenance(
  resolved: ResolvedChart,
  location: ChartLocation,
  request: ChartRequest,
  reference: string,
): Promise<ResolvedChart> {
  const provUrl = `${location.url}.prov`;
  const provenancePath = `${resolved.path}.prov`;
  try {
    await downloadToFile(provUrl, provenancePath, { ...location.transport, getters: request.getters });
  } catch (error) {
    if (request.provenance === 'verify')
      throw new ProvenanceError(`Failed to fetch provenance "${redactUrl(provUrl)}"`, { cause: error });
    const reason = (error as Error).message.replace(/^failed to fetch /, 'Failed to fetch ');
    request.onWarning?.(`WARNING: Verification not found for ${reference}: ${reason}`);
    return resolved;
  }
  if (request.provenance !== 'verify') return { ...resolved, provenancePath };
  const verification = await verifyChartArchive(resolved.path, request.keyring ?? defaultKeyring());
  return { ...resolved, provenancePath, verification };
}

/** `--verify` with a chart on disk, as Helm 2's locateChartPath: an archive with its .prov beside it. */
export async function verifyLocalChart(resolved: ResolvedChart, request: ChartRequest): Promise<ResolvedChart> {
  if ((await stat(resolved.path)).isDirectory()) throw new ProvenanceError('cannot verify a directory');
  const verification = await verifyChartArchive(resolved.path, request.keyring ?? defaultKeyring());
  return { ...resolved, provenancePath: `${resolved.path}.prov`, verification };
}
