import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import type { TillerInstallRequest } from '@helmts/core';

export type { TillerInstallRequest } from '@helmts/core';

const TILLER_IMAGE_REPOSITORY = 'ghcr.io/helmts/tiller';
export const DEFAULT_SERVICE_ACCOUNT = 'tiller';
const DEFAULT_LISTEN = '0.0.0.0:44134';
export const PROBE_PORT = 44135;

/** The version of the bundled @helmts/tiller, which is the image tag `init` installs by default. */
function tillerPackageVersion(): string {
  const require = createRequire(import.meta.url);
  const pjson = JSON.parse(readFileSync(require.resolve('@helmts/tiller/package.json'), 'utf8')) as { version: string };
  return pjson.version;
}

/** `ghcr.io/helmts/tiller:v<version of @helmts/tiller>`. */
export function defaultTillerImage(): string {
  return `${TILLER_IMAGE_REPOSITORY}:v${tillerPackageVersion()}`;
}

/** `--canary-image`: the repository's `canary` tag, as Helm 2 has one. */
export function canaryTillerImage(): string {
  return `${TILLER_IMAGE_REPOSITORY}:canary`;
}

/** A request with every default filled in, as the manifests need it. */
export function completeRequest(request: Partial<TillerInstallRequest> & { namespace: string }): TillerInstallRequest {
  return {
    automountServiceAccountToken: true,
    historyMax: 0,
    storage: 'configmap',
    replicas: 1,
    listen: DEFAULT_LISTEN,
    netHost: false,
    overrides: [],
    clusterWide: false,
    upgrade: false,
    forceUpgrade: false,
    wait: false,
    dryRun: false,
    ...request,
    tls: { enable: false, verify: false, ...request.tls },
  };
}
