import { Args, dialectFlag, Flags, needsArguments } from '@helmts/core';

import { upgradeRelease } from '../actions/upgrade-release.js';
import { prepareRelease, releaseFlags } from '../chart-request.js';
import { contextNamespace } from '../kube-context-namespace.js';
import { progressMode } from '../progress/watch-operation.js';
import { ReleaseCommand } from '../release-command.js';
import { formatReleaseResult, liveStatus } from '../release-output.js';

const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

export default class Upgrade extends ReleaseCommand<typeof Upgrade> {
  static override summary = 'Upgrade a release to a new version of a chart.';
  static override description =
    'Without --reuse-values or --reset-values, the previous user values are reused only when no new values are given (Helm 2).';
  static override examples = [
    '<%= config.bin %> upgrade web ./mychart --set image.tag=1.2.0',
    '<%= config.bin %> upgrade web stable/nginx --install --namespace team-a',
    '<%= config.bin %> upgrade web ./mychart --reuse-values --set replicaCount=3 --atomic',
  ];
  static override argumentErrors = needsArguments('release name', 'chart path');
  static override args = {
    release: Args.string({ required: true, description: 'Release name.' }),
    chart: Args.string({ required: true, description: 'Chart reference.' }),
  };
  static override flags = {
    ...releaseFlags,
    install: Flags.boolean({ char: 'i', summary: "If a release by this name doesn't already exist, run an install." }),
    namespace: Flags.string({ summary: 'Namespace to install the release into (only used with --install).' }),
    'recreate-pods': Flags.boolean({ summary: 'Performs pods restart for the resource if applicable.' }),
    force: Flags.boolean({ summary: 'Force resource update through delete/recreate if needed.' }),
    'reset-values': Flags.boolean({ summary: 'When upgrading, reset the values to the ones built into the chart.' }),
    'reuse-values': Flags.boolean({
      summary: "When upgrading, reuse the last release's values and merge in any new values.",
    }),
    'cleanup-on-fail': Flags.boolean({
      summary: 'Allow deletion of new resources created in this upgrade when it fails.',
    }),
    'max-history': Flags.integer({
      summary:
        "Limit the maximum number of revisions saved per release (Tiller's --history-max decides; kept for compatibility).",
    }),
    dialect: dialectFlag,
  };

  async run(): Promise<void> {
    const f = this.flags;
    const { chart, values } = await prepareRelease(this.args.chart, f, this.settings, this.home, stderrLine, (m) =>
      this.debugLine(m),
    );
    const { release, installed, live } = await this.withTiller(async (tiller) => {
      const result = await upgradeRelease(tiller, {
        chart,
        values,
        name: this.args.release,
        namespace: f.namespace ?? contextNamespace(this.settings),
        install: f.install,
        dryRun: f['dry-run'],
        disableHooks: f['no-hooks'],
        recreatePods: f['recreate-pods'],
        force: f.force,
        resetValues: f['reset-values'],
        reuseValues: f['reuse-values'],
        cleanupOnFail: f['cleanup-on-fail'],
        timeout: f.timeout,
        wait: f.wait,
        atomic: f.atomic,
        description: f.description,
        subNotes: f['render-subchart-notes'],
        dialect: f.dialect,
        progress: progressMode(f.progress, f.output),
        warn: stderrLine,
        notice: (line) => this.log(line),
      });
      // Helm 2 asks for the status after an upgrade, --dry-run too (the release as it stands)
      const dryInstall = f['dry-run'] && result.installed;
      // a dry run recorded nothing: its status is the latest revision's
      const version = f['dry-run'] ? 0 : result.release.version;
      return { ...result, live: dryInstall ? undefined : await liveStatus(tiller, result.release.name, version) };
    });
    process.stdout.write(
      formatReleaseResult(release, f.output, {
        debug: this.settings.debug,
        dryRun: f['dry-run'],
        live,
        upgrade: !installed,
      }),
    );
  }
}
