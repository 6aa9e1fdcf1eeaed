import assert from 'node:assert/strict'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {CoreV1Api} from '@kubernetes/client-node'
import {startTiller, silentLogger, type TillerHandle} from '@helmts/tiller'
import {kubeConfigFor, runHelmtsAsync, uniqueNamespace} from '@helmts/testkit'
import {hookCluster} from '@helmts/testkit/mocha-cluster-hook'

const chart = fileURLToPath(new URL('fixtures/tested', import.meta.url))

/**
 * `helmts test`: Tiller creates the test pods and waits for them. The local cluster has no
 * kubelet, so the test plays it: it sets each pod's phase the way its command would end.
 */
describe('helmts test @cluster', function () {
  this.timeout(180_000)
  let home: string
  let tiller: TillerHandle
  let core: CoreV1Api
  const tillerNs = uniqueNamespace('tiller')
  const ns = uniqueNamespace('tested')
  const helmts = (args: string[]) => runHelmtsAsync(args, {env: {HELMTS_HOME: home, HELMTS_HOST: tiller.address}})

  /** Completes every pending test pod: Succeeded when the chart was told to pass. */
  async function playKubelet(stop: {done: boolean}) {
    while (!stop.done) {
      const pods = await core.listNamespacedPod({namespace: ns})
      for (const pod of pods.items) {
        if (pod.status?.phase && pod.status.phase !== 'Pending') continue
        const phase = pod.metadata!.name!.endsWith('-pass') ? 'Succeeded' : 'Failed'
        await core
          .patchNamespacedPodStatus({name: pod.metadata!.name!, namespace: ns, body: [{op: 'add', path: '/status/phase', value: phase}]})
          .catch(() => undefined)
      }
      await new Promise((r) => setTimeout(r, 200))
    }
  }

  before(async () => {
    const cluster = hookCluster()
    assert.ok(cluster)
    const kc = kubeConfigFor(cluster)
    core = kc.makeApiClient(CoreV1Api)
    await core.createNamespace({body: {metadata: {name: tillerNs}}})
    tiller = await startTiller({listen: '127.0.0.1:0', storage: 'configmap', namespace: tillerNs, kubeConfig: kc, logger: silentLogger, pollMs: 200})
    home = mkdtempSync(join(tmpdir(), 'helmts-test-cmd-'))
  })

  after(async () => {
    await tiller?.stop()
    rmSync(home, {recursive: true, force: true})
    await core?.deleteNamespace({name: tillerNs}).catch(() => undefined)
    await core?.deleteNamespace({name: ns}).catch(() => undefined)
  })

  it('streams PASSED for a passing test and records the suite in status', async () => {
    const install = await helmts(['install', chart, '--name', 'good', '--namespace', ns])
    assert.equal(install.status, 0, install.stderr)
    const stop = {done: false}
    const kubelet = playKubelet(stop)
    const r = await helmts(['test', 'good', '--timeout', '60'])
    stop.done = true
    await kubelet
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /^RUNNING: good-check-pass$/m)
    assert.match(r.stdout, /^PASSED: good-check-pass$/m)
    const status = await helmts(['status', 'good'])
    assert.match(status.stdout, /TEST SUITE:\nLast Started: .+\nLast Completed: .+\n/)
    assert.match(status.stdout, /good-check-pass\s*\tSUCCESS/)
  })

  it('fails with a non-zero exit and names the failed test, and --cleanup removes the pods', async () => {
    const install = await helmts(['install', chart, '--name', 'bad', '--namespace', ns, '--set', 'outcome=fail'])
    assert.equal(install.status, 0, install.stderr)
    const stop = {done: false}
    const kubelet = playKubelet(stop)
    const r = await helmts(['test', 'bad', '--timeout', '60', '--cleanup'])
    stop.done = true
    await kubelet
    assert.equal(r.status, 1)
    assert.match(r.stdout, /^FAILED: bad-check-fail, run `kubectl logs bad-check-fail --namespace .+` for more info$/m)
    assert.match(r.stderr, /^Error: 1 test\(s\) failed/)
    await assert.rejects(core.readNamespacedPod({name: 'bad-check-fail', namespace: ns}), (e: {code?: number}) => e.code === 404)
  })
})
