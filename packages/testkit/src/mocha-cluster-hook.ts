// Mocha root-hook plugin: one real Kubernetes cluster per test run for tests tagged `@cluster`.
//
// Use it from any package's .mocharc.json:   "require": ["@helmts/testkit/mocha-cluster-hook"]
// (inside this package: "src/mocha-cluster-hook.ts"), and put `@cluster` in the describe()/it() title.
//
// - beforeAll: if any loaded test's full title contains `@cluster` (or HELMTS_CLUSTER=always), calls
//   ensureCluster() (reuse $KUBECONFIG / the running local cluster, or start one) and exports
//   KUBECONFIG for the tests. If that fails the hook fails with the reason: no silent skip.
// - afterAll: stops the cluster only if this run started it, unless HELMTS_CLUSTER_KEEP=1.
import type { Context, Suite } from 'mocha';
import { ensureCluster, type ClusterInfo } from './cluster.js';

export const CLUSTER_TAG = '@cluster';

let info: ClusterInfo | undefined;

function hasTaggedTests(suite: Suite): boolean {
  if (suite.fullTitle().includes(CLUSTER_TAG) && suite.total() > 0) return true;
  if (suite.tests.some((t) => t.fullTitle().includes(CLUSTER_TAG))) return true;
  return suite.suites.some(hasTaggedTests);
}

/** The cluster the hook set up, if any. */
export function hookCluster(): ClusterInfo | undefined {
  return info;
}

export const mochaHooks = {
  async beforeAll(this: Context) {
    const root = this.test?.parent;
    const wanted = process.env.HELMTS_CLUSTER === 'always' || (root !== undefined && hasTaggedTests(root));
    if (!wanted) return;
    this.timeout(0); // a cold start builds the binaries first; local-cluster.sh has its own limits
    info = await ensureCluster();
    process.env.KUBECONFIG = info.kubeconfig;
  },
  async afterAll(this: Context) {
    if (info?.startedByUs && process.env.HELMTS_CLUSTER_KEEP !== '1') {
      this.timeout(120_000);
      await info.stop();
    }
  },
};
