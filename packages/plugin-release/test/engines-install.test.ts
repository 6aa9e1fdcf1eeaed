import assert from 'node:assert/strict';
import { join } from 'node:path';

import { AppsV1Api } from '@kubernetes/client-node';

import { useTiller } from './tiller-fixture.js';

/** The scaffolds of both engines (`create --engine gotpl|liquid`) install through Tiller alike. */
describe('scaffolded charts of both engines install through Tiller @cluster', function () {
  this.timeout(180_000);
  const t = useTiller('engines');

  for (const engine of ['gotpl', 'liquid']) {
    it(`creates a ${engine} chart and installs it`, async () => {
      const dir = join(t.home, `app-${engine}`);
      const create = await t.helmts(['create', dir, '--engine', engine, '--yes']);
      assert.equal(create.status, 0, create.stderr);
      const name = `scaffold-${engine}`;
      const install = await t.helmts(['install', dir, '--name', name, '--namespace', t.ns, '--set', 'replicaCount=2']);
      assert.equal(install.status, 0, install.stderr);
      const deployment = await t.kc
        .makeApiClient(AppsV1Api)
        .readNamespacedDeployment({ name: `${name}-app-${engine}`, namespace: t.ns });
      assert.equal(deployment.spec?.replicas, 2);
      assert.equal(deployment.metadata?.labels?.['app.kubernetes.io/instance'], name);
      await t.core.readNamespacedService({ name: `${name}-app-${engine}`, namespace: t.ns });
    });
  }
});
