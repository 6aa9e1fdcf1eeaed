/**
 * The Tiller image as an OCI image-layout archive, built daemonless: a runtime layer (node and
 * its libraries) and an application layer (@helmts/tiller with its production dependencies).
 * Tiller runs as nobody (65534); nothing in the image needs writing, so a read-only root file
 * system works (HOME and the temp directory point at /tmp, where the Deployment mounts an emptyDir).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { writeImageArchive, type ImageArchive } from '@helmts/oci-image';

import { APP_DIR, appLayer, appPackages } from './app-layer.js';
import { NOBODY, NODE_PATH, runtimeLayer } from './runtime-layer.js';

/** The repository this package sits in (packages/tiller-image/{src,dist}/ → ../../..). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const TILLER_ENTRY = `${APP_DIR}/node_modules/@helmts/tiller/bin/tiller.js`;

export function tillerVersion(repoRoot = REPO_ROOT): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'packages', 'tiller', 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** `localhost/helmts/tiller:v<version of @helmts/tiller>`: the name the local cluster imports. */
export function defaultImageName(repoRoot = REPO_ROOT): string {
  return `localhost/helmts/tiller:v${tillerVersion(repoRoot)}`;
}

export interface TillerImageOptions {
  /** Where to write the archive. */
  out: string;
  /** Image reference recorded in the archive (default defaultImageName()). */
  name?: string;
  repoRoot?: string;
  /** The node binary to put in the image (default: the one running this). */
  nodeBinary?: string;
}

export async function buildTillerImage(options: TillerImageOptions): Promise<ImageArchive> {
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const packages = appPackages(join(repoRoot, 'packages', 'tiller'), repoRoot);
  return writeImageArchive(options.out, {
    name: options.name ?? defaultImageName(repoRoot),
    layers: [await runtimeLayer(options.nodeBinary), await appLayer(packages)],
    config: {
      entrypoint: [NODE_PATH, TILLER_ENTRY],
      user: `${NOBODY}:${NOBODY}`,
      workingDir: '/tmp',
      env: ['HOME=/tmp', 'TMPDIR=/tmp', 'NODE_ENV=production', 'PATH=/usr/local/bin:/usr/bin:/bin'],
      exposedPorts: ['44134/tcp', '44135/tcp'],
      labels: {
        'org.opencontainers.image.title': 'helmts tiller',
        'org.opencontainers.image.version': tillerVersion(repoRoot),
      },
    },
  });
}
