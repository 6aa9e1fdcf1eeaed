import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { startTiller, silentLogger, type TillerHandle, type TillerOptions } from '@helmts/tiller';
import { kubeConfigFor, runHelmtsAsync, uniqueNamespace, type HelmtsResult } from '@helmts/testkit';
import { hookCluster } from '@helmts/testkit/mocha-cluster-hook';

/** What an end-to-end test of the release commands works with. */
export interface TillerFixture {
  /** A fresh HELMTS_HOME. */
  home: string;
  tiller: TillerHandle;
  kc: KubeConfig;
  core: CoreV1Api;
  /** Tiller's own namespace (its release records). */
  tillerNs: string;
  /** A namespace for the releases' objects. */
  ns: string;
  /** `helmts ARGS` as a child process, pointed at this Tiller and home. */
  helmts(args: string[], env?: Record<string, string>): Promise<HelmtsResult>;
}

/**
 * Registers before/after hooks that start a real Tiller (in this process, ConfigMap storage in a
 * namespace of its own) against the local cluster, and remove everything afterwards. Call it
 * inside a describe(); read the fixture in tests, not at describe time.
 */
export function useTiller(prefix: string, options: Partial<TillerOptions> = {}): TillerFixture {
  const fixture = { tillerNs: uniqueNamespace('tiller'), ns: uniqueNamespace(prefix) } as TillerFixture;
  fixture.helmts = (args, env = {}) =>
    runHelmtsAsync(args, {
      env: {
        HELMTS_HOME: fixture.home,
        HELMTS_HOST: fixture.tiller.address,
        TILLER_NAMESPACE: fixture.tillerNs,
        ...env,
      },
    });

  before(async function () {
    this.timeout(120_000);
    const cluster = hookCluster();
    assert.ok(cluster, 'the cluster hook did not run: is "@cluster" in the describe title?');
    fixture.kc = kubeConfigFor(cluster);
    fixture.core = fixture.kc.makeApiClient(CoreV1Api);
    await fixture.core.createNamespace({ body: { metadata: { name: fixture.tillerNs } } });
    fixture.home = mkdtempSync(join(tmpdir(), `helmts-${prefix}-`));
    fixture.tiller = await startTiller({
      listen: '127.0.0.1:0',
      storage: 'configmap',
      namespace: fixture.tillerNs,
      kubeConfig: fixture.kc,
      logger: silentLogger,
      ...options,
    });
  });

  after(async function () {
    this.timeout(120_000);
    await fixture.tiller?.stop();
    if (fixture.home) rmSync(fixture.home, { recursive: true, force: true });
    await fixture.core?.deleteNamespace({ name: fixture.tillerNs }).catch(() => undefined);
    await fixture.core?.deleteNamespace({ name: fixture.ns }).catch(() => undefined);
  });

  return fixture;
}
