/**
 * `helmts push CHART.tgz oci://HOST/PATH`: the chart archive pushed as Helm's OCI artifact to
 * HOST/PATH/NAME:VERSION (`+` as `_`), with the OCI distribution API of @helmts/oci-image.
 */
import { readFile, stat } from 'node:fs/promises';
import { readChartArchiveMetadata } from '@helmts/chart';
import { pushArtifact, RegistryError, type PushResult } from '@helmts/oci-image';

import { asRepoError } from './registry-errors.js';

import { RepoError } from '../errors.js';
import { helmChartArtifact } from './helm-chart-artifact.js';
import { parseOciReference, versionToTag } from './oci-chart-reference.js';

export interface PushChartOptions {
  /** Plain HTTP (default only for loopback registries). */
  plainHttp?: boolean;
  /** The Docker-style config.json with the registry's credentials (default: @helmts/oci-image's). */
  registryConfig?: string;
}

export async function pushChart(
  archivePath: string,
  destination: string,
  options: PushChartOptions = {},
): Promise<PushResult & { name: string; version: string }> {
  const { repository, tag } = parseOciReference(destination);
  if (tag !== undefined)
    throw new RepoError(
      `"${destination}" names a tag: push to the repository, oci://HOST/PATH; the chart's version is the tag`,
    );
  let archive: Buffer;
  let created: Date;
  try {
    archive = await readFile(archivePath);
    created = (await stat(archivePath)).mtime;
  } catch (error) {
    throw new RepoError(
      `cannot read the chart archive ${archivePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        hint: 'push takes a packaged chart (.tgz): run "helmts package DIR" first',
      },
    );
  }
  const metadata = readChartArchiveMetadata(archive);
  const provenance = await readFile(`${archivePath}.prov`).catch(() => undefined);
  const reference = `${repository}/${metadata.name}:${versionToTag(metadata.version)}`;
  try {
    const pushed = await pushArtifact(reference, helmChartArtifact(archive, metadata, created, provenance), {
      plainHttp: options.plainHttp,
      registryConfig: options.registryConfig,
    });
    return { ...pushed, name: metadata.name, version: metadata.version };
  } catch (error) {
    if (error instanceof RegistryError) throw new RepoError(`pushing ${reference}: ${error.message}`, { cause: error });
    throw asRepoError(error);
  }
}
