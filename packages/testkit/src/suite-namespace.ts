import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { ensureCluster, kubeConfigFor, uniqueNamespace } from './cluster.js';

/** A namespace a mocha suite has to itself, and the admin kubeconfig it was made with. */
export interface SuiteNamespace {
  readonly name: string;
  /** Set once the suite's first `before` hook ran. */
  readonly kubeConfig: KubeConfig;
}

/**
 * Call inside a `describe` of `@cluster` tests: registers a `before` hook that creates a namespace
 * named `<prefix>-<unique>` in the test cluster and an `after` hook that deletes it (not waiting
 * for its objects to go). Hooks the suite registers later run after the namespace exists.
 */
export function suiteNamespace(prefix: string): SuiteNamespace {
  const name = uniqueNamespace(prefix);
  let kubeConfig: KubeConfig | undefined;
  before(async () => {
    kubeConfig = kubeConfigFor(await ensureCluster());
    await kubeConfig.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
  });
  after(async () => {
    await kubeConfig
      ?.makeApiClient(CoreV1Api)
      .deleteNamespace({ name })
      .catch(() => {});
  });
  return {
    name,
    get kubeConfig() {
      if (!kubeConfig) throw new Error(`namespace ${name}: its kubeconfig exists once the suite's before hook ran`);
      return kubeConfig;
    },
  };
}
