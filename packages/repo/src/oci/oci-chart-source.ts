/**
 * Charts in an OCI registry (`oci://HOST/PATH/NAME[:VERSION]`), for fetch/pull, install and
 * upgrade: the version is the reference's tag, else `--version` (an exact version is used as the
 * tag, a constraint is matched against the repository's tags, no version picks the newest stable
 * tag), then Helm's artifact is pulled, checked and its chart layer written as NAME-VERSION.tgz.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Version } from '@helmts/semver';
import { listTags, pullArtifact } from '@helmts/oci-image';

import { compareVersionStringsDescending } from '@helmts/semver';
import { pickVersion } from '../chart-lookup.js';
import { RepoError, RepoNotFoundError } from '../errors.js';
import { HELM2_SEMVER } from '../helm2-semver.js';
import type { ChartLocation, ChartRequest, ChartSource, ResolvedChart } from '../resolve/chart-source.js';
import { HELM_MEDIA_TYPES } from './helm-chart-artifact.js';
import { asRepoError } from './registry-errors.js';
import { isOciReference, parseOciReference, tagToVersion, versionToTag } from './oci-chart-reference.js';

async function locateOci(reference: string, request: ChartRequest): Promise<ChartLocation> {
  const { repository, tag } = parseOciReference(reference);
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  if (tag !== undefined) {
    if (request.version && request.version !== tagToVersion(tag))
      throw new RepoError(`chart reference and version mismatch: ${tagToVersion(tag)} is not ${request.version}`);
    return { url: `oci://${repository}:${tag}`, transport: {}, name, version: tagToVersion(tag) };
  }
  const exact = request.version && Version.tryParse(request.version, HELM2_SEMVER)?.toString() === request.version;
  if (exact)
    return {
      url: `oci://${repository}:${versionToTag(request.version!)}`,
      transport: {},
      name,
      version: request.version,
    };
  let tags: string[];
  try {
    tags = await listTags(repository);
  } catch (error) {
    throw asRepoError(error);
  }
  const versions = tags
    .map((t) => ({ version: tagToVersion(t), tag: t }))
    .filter((v) => Version.tryParse(v.version, HELM2_SEMVER))
    .sort((a, b) => compareVersionStringsDescending(a.version, b.version, HELM2_SEMVER));
  const picked = pickVersion(versions, request.version, request.devel);
  if (!picked)
    throw new RepoNotFoundError(
      `no tag of ${repository} matches ${request.version ? `version "${request.version}"` : 'a stable version'} (tags: ${tags.join(', ') || 'none'})`,
      { hint: request.version ? undefined : 'use --devel for prereleases' },
    );
  return { url: `oci://${repository}:${picked.tag}`, transport: {}, name, version: picked.version };
}

export const ociChartSource: ChartSource = {
  kind: 'oci',
  async accepts(reference) {
    return isOciReference(reference);
  },
  async locate(reference, request) {
    return locateOci(reference, request);
  },
  async resolve(reference, request): Promise<ResolvedChart> {
    const location = await locateOci(reference, request);
    let artifact;
    try {
      artifact = await pullArtifact(location.url.slice('oci://'.length));
    } catch (error) {
      throw asRepoError(error);
    }
    if (artifact.config.mediaType !== HELM_MEDIA_TYPES.config)
      throw new RepoError(`${artifact.reference} is not a Helm chart (config media type ${artifact.config.mediaType})`);
    const chart = artifact.layers.filter((l) => l.mediaType === HELM_MEDIA_TYPES.chart);
    if (chart.length !== 1)
      throw new RepoError(
        `${artifact.reference} has ${chart.length} chart layers (${HELM_MEDIA_TYPES.chart}), not one`,
      );
    const destination = request.destination ?? request.home.archive;
    await mkdir(destination, { recursive: true });
    const path = join(destination, `${location.name}-${location.version}.tgz`);
    await writeFile(path, chart[0].data);
    const provenance = artifact.layers.find((l) => l.mediaType === HELM_MEDIA_TYPES.provenance);
    if (provenance) await writeFile(`${path}.prov`, provenance.data);
    return {
      path,
      kind: 'archive',
      source: 'oci',
      url: location.url,
      name: location.name,
      version: location.version,
      digest: artifact.digest,
    };
  },
};
