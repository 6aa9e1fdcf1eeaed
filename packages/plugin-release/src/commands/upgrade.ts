import {Args, Flags} from '@oclif/core'
import {NotFoundError} from '@helmts/core'
import type {GetHistoryResponse, InstallReleaseResponse, RollbackReleaseResponse, UpdateReleaseResponse} from '@helmts/proto'
import {chartToMessage} from '@helmts/tiller/chart-message'

import {chartForRelease, loadReferencedChart, releaseFlags, userValues, valuesToRaw} from '../chart-request.js'
import {progressMode, withOperationProgress} from '../progress/watch-operation.js'
import {contextNamespace} from '../kube-context-namespace.js'
import {ReleaseCommand} from '../release-command.js'
import {formatReleaseResult} from '../release-output.js'

export default class Upgrade extends ReleaseCommand<typeof Upgrade> {
  static override summary = 'Upgrade a release to a new version of a chart.'
  static override description =
    'Without --reuse-values or --reset-values, the previous user values are reused only when no new values are given (Helm 2).'
  static override examples = [
    '<%= config.bin %> upgrade web ./mychart --set image.tag=1.2.0',
    '<%= config.bin %> upgrade web stable/nginx --install --namespace team-a',
    '<%= config.bin %> upgrade web ./mychart --reuse-values --set replicaCount=3 --atomic',
  ]
  static override args = {
    release: Args.string({required: true, description: 'Release name.'}),
    chart: Args.string({required: true, description: 'Chart reference.'}),
  }
  static override flags = {
    ...releaseFlags,
    install: Flags.boolean({char: 'i', summary: 'If a release by this name doesn\'t already exist, run an install.'}),
    namespace: Flags.string({summary: 'Namespace to install the release into (only used with --install).'}),
    'recreate-pods': Flags.boolean({summary: 'Performs pods restart for the resource if applicable.'}),
    force: Flags.boolean({summary: 'Force resource update through delete/recreate if needed.'}),
    'reset-values': Flags.boolean({summary: 'When upgrading, reset the values to the ones built into the chart.'}),
    'reuse-values': Flags.boolean({summary: 'When upgrading, reuse the last release\'s values and merge in any new values.'}),
    'cleanup-on-fail': Flags.boolean({summary: 'Allow deletion of new resources created in this upgrade when it fails.'}),
    'max-history': Flags.integer({summary: 'Limit the maximum number of revisions saved per release (Tiller\'s --history-max decides; kept for compatibility).'}),
  }

  async run(): Promise<void> {
    const f = this.flags
    const name = this.args.release
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
    const chart = chartToMessage(chartForRelease(loaded, values))
    const raw = valuesToRaw(values)
    const wait = f.wait || f.atomic

    await this.withTiller(async (tiller) => {
      let previous = 0
      try {
        const history = await tiller.call<{name: string; max: number}, GetHistoryResponse>('GetHistory', {name, max: 1})
        previous = history.releases[0]?.version ?? 0
      } catch (error) {
        if (!(error instanceof NotFoundError) || !f.install) throw error
        this.log(`Release "${name}" does not exist. Installing it now.`)
        const install = {
          chart,
          values: {raw},
          dry_run: f['dry-run'],
          name,
          disable_hooks: f['no-hooks'],
          namespace: f.namespace ?? contextNamespace(this.settings),
          timeout: f.timeout,
          wait,
          description: f.description,
          subNotes: f['render-subchart-notes'],
        }
        const installed = await withOperationProgress(tiller, name, progressMode(f.progress, f.output), (operationId) =>
          tiller.call<typeof install, InstallReleaseResponse>('InstallRelease', install, {deadlineSeconds: f.timeout * 4 + 60, operationId}),
        )
        if (installed.release) process.stdout.write(formatReleaseResult(installed.release, f.output, {debug: this.settings.debug, dryRun: f['dry-run']}))
        return
      }
      const request = {
        name,
        chart,
        values: {raw},
        dry_run: f['dry-run'],
        disable_hooks: f['no-hooks'],
        recreate: f['recreate-pods'],
        timeout: f.timeout,
        reset_values: f['reset-values'],
        wait,
        reuse_values: f['reuse-values'],
        force: f.force,
        description: f.description,
        subNotes: f['render-subchart-notes'],
        cleanup_on_fail: f['cleanup-on-fail'],
      }
      let response: UpdateReleaseResponse
      try {
        response = await withOperationProgress(tiller, name, progressMode(f.progress, f.output), (operationId) =>
          tiller.call<typeof request, UpdateReleaseResponse>('UpdateRelease', request, {deadlineSeconds: f.timeout * 4 + 60, operationId}),
        )
      } catch (error) {
        process.stderr.write('UPGRADE FAILED\n')
        if (f.atomic && previous > 0) {
          process.stderr.write('ROLLING BACK\n')
          const rollback = {name, version: previous, wait: true, timeout: f.timeout, cleanup_on_fail: f['cleanup-on-fail']}
          await tiller.call<typeof rollback, RollbackReleaseResponse>('RollbackRelease', rollback, {deadlineSeconds: f.timeout * 4 + 60})
        }
        throw error
      }
      this.log(`Release "${name}" has been upgraded.`)
      if (response.release) process.stdout.write(formatReleaseResult(response.release, f.output, {debug: this.settings.debug, dryRun: f['dry-run']}))
    })
  }
}
