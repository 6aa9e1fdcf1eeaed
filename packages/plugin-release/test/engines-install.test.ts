import assert from 'node:assert/strict'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {AppsV1Api, CoreV1Api} from '@kubernetes/client-node'
import {startTiller, silentLogger, type TillerHandle} from '@helmts/tiller'
import {kubeConfigFor, runHelmtsAsync, uniqueNamespace} from '@helmts/testkit'
import {hookCluster} from '@helmts/testkit/mocha-cluster-hook'

/** The scaffolds of both engines (`create --engine gotpl|liquid`) install through Tiller alike. */
describe('scaffolded charts of both engines install through Tiller @cluster', function () {
  this.timeout(180_000)
  let home: string
  let tiller: TillerHandle
  let core: CoreV1Api
  let apps: AppsV1Api
  const tillerNs = uniqueNamespace('tiller')
  const ns = uniqueNamespace('engines')
  const helmts = (args: string[]) => runHelmtsAsync(args, {env: {HELMTS_HOME: home, HELMTS_HOST: tiller.address}})

  before(async () => {
    const cluster = hookCluster()
    assert.ok(cluster)
    const kc = kubeConfigFor(cluster)
    core = kc.makeApiClient(CoreV1Api)
    apps = kc.makeApiClient(AppsV1Api)
    await core.createNamespace({body: {metadata: {name: tillerNs}}})
    tiller = await startTiller({listen: '127.0.0.1:0', storage: 'configmap', namespace: tillerNs, kubeConfig: kc, logger: silentLogger})
    home = mkdtempSync(join(tmpdir(), 'helmts-engines-'))
  })

  after(async () => {
    await tiller?.stop()
    rmSync(home, {recursive: true, force: true})
    await core?.deleteNamespace({name: tillerNs}).catch(() => undefined)
    await core?.deleteNamespace({name: ns}).catch(() => undefined)
  })

  for (const engine of ['gotpl', 'liquid']) {
    it(`creates a ${engine} chart and installs it`, async () => {
      const dir = join(home, `app-${engine}`)
      const create = await helmts(['create', dir, '--engine', engine, '--yes'])
      assert.equal(create.status, 0, create.stderr)
      const name = `scaffold-${engine}`
      const install = await helmts(['install', dir, '--name', name, '--namespace', ns, '--set', 'replicaCount=2'])
      assert.equal(install.status, 0, install.stderr)
      const deployment = await apps.readNamespacedDeployment({name: `${name}-app-${engine}`, namespace: ns})
      assert.equal(deployment.spec?.replicas, 2)
      assert.equal(deployment.metadata?.labels?.['app.kubernetes.io/instance'], name)
      await core.readNamespacedService({name: `${name}-app-${engine}`, namespace: ns})
    })
  }
})
