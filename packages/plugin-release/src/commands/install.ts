import {Args, Flags} from '@oclif/core'
import type {InstallReleaseResponse, UninstallReleaseResponse} from '@helmts/proto'
import {chartToMessage} from '@helmts/tiller/chart-message'

import {chartForRelease, loadReferencedChart, releaseFlags, userValues, valuesToRaw} from '../chart-request.js'
import {progressMode, withOperationProgress} from '../progress/watch-operation.js'
import {contextNamespace} from '../kube-context-namespace.js'
import {ReleaseCommand} from '../release-command.js'
import {formatReleaseResult} from '../release-output.js'

export default class Install extends ReleaseCommand<typeof Install> {
  static override summary = 'Install a chart archive.'
  static override description =
    'CHART is a chart directory, a packaged chart (.tgz), a URL, or repo/name (with --version). ' +
    'Values come from the chart, then -f files in order, then --set flags.'
  static override examples = [
    '<%= config.bin %> install ./mychart --name web',
    '<%= config.bin %> install stable/mysql --version "^1.6" --set auth.rootPassword=secret',
    '<%= config.bin %> install ./mychart -f prod.yaml --namespace team-a --wait --timeout 600',
    '<%= config.bin %> install ./mychart --dry-run --debug',
  ]
  static override args = {chart: Args.string({required: true, description: 'Chart reference.'})}
  static override flags = {
    ...releaseFlags,
    name: Flags.string({char: 'n', summary: 'Release name. If unspecified, it will autogenerate one for you.', default: ''}),
    namespace: Flags.string({summary: 'Namespace to install the release into (default: the kube-context\'s namespace, else "default").'}),
    replace: Flags.boolean({summary: 'Re-use the given name, even if that name is already used (deleted or failed releases).'}),
    'no-crd-hook': Flags.boolean({summary: 'Prevent CRD hooks from running, but run other hooks.'}),
    'dep-up': Flags.boolean({summary: 'Run helm dependency update before installing the chart.'}),
  }

  async run(): Promise<void> {
    const f = this.flags
    if (f.name && (f.name.length > 53 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(f.name))) {
      this.error(`invalid release name "${f.name}": must be a DNS-1123 subdomain of at most 53 characters`, {exit: 2})
    }
    const values = userValues(f)
    const loaded = await loadReferencedChart(this.args.chart, {
      home: this.home,
      version: f.version,
      devel: f.devel,
      repo: f.repo,
      username: f.username,
      password: f.password,
      certFile: f['cert-file'],
      keyFile: f['key-file'],
      caFile: f['ca-file'],
    })
    if (loaded.metadata.deprecated) process.stderr.write('WARNING: This chart is deprecated\n')
    const chart = chartForRelease(loaded, values)
    const wait = f.wait || f.atomic
    const request = {
      chart: chartToMessage(chart),
      values: {raw: valuesToRaw(values)},
      dry_run: f['dry-run'],
      name: f.name,
      disable_hooks: f['no-hooks'],
      namespace: f.namespace ?? contextNamespace(this.settings),
      reuse_name: f.replace,
      timeout: f.timeout,
      wait,
      disable_crd_hook: f['no-crd-hook'],
      description: f.description,
      subNotes: f['render-subchart-notes'],
    }
    await this.withTiller(async (tiller) => {
      let response: InstallReleaseResponse
      try {
        response = await withOperationProgress(tiller, f.name, progressMode(f.progress, f.output), (operationId) =>
          tiller.call<typeof request, InstallReleaseResponse>('InstallRelease', request, {deadlineSeconds: f.timeout * 4 + 60, operationId}),
        )
      } catch (error) {
        if (!f.atomic || !f.name) throw error
        process.stderr.write('INSTALL FAILED\nPURGING CHART\n')
        const purge = {name: f.name, purge: true, timeout: f.timeout}
        await tiller.call<typeof purge, UninstallReleaseResponse>('UninstallRelease', purge).catch(() => undefined)
        process.stderr.write('Successfully purged a chart!\n')
        throw error
      }
      if (!response.release) throw new Error('Tiller returned no release')
      process.stdout.write(formatReleaseResult(response.release, f.output, {debug: this.settings.debug, dryRun: f['dry-run']}))
    })
  }
}
