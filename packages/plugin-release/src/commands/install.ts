import { Args, dialectFlag, Flags, HelmtsError, needsArguments } from '@helmts/core';

import { installRelease } from '../actions/install-release.js';
import { prepareRelease, releaseFlags } from '../chart-request.js';
import { contextNamespace } from '../kube-context-namespace.js';
import { progressMode } from '../progress/watch-operation.js';
import { ReleaseCommand } from '../release-command.js';
import { formatReleaseResult, liveStatus } from '../release-output.js';

const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

export default class Install extends ReleaseCommand<typeof Install> {
  static override summary = 'Install a chart archive.';
  static override description =
    'CHART is a chart directory, a packaged chart (.tgz), a URL, or repo/name (with --version). ' +
    'Values come from the chart, then -f files in order, then --set flags.';
  static override examples = [
    '<%= config.bin %> install ./mychart --name web',
    '<%= config.bin %> install stable/mysql --version "^1.6" --set auth.rootPassword=secret',
    '<%= config.bin %> install ./mychart -f prod.yaml --namespace team-a --wait --timeout 600',
    '<%= config.bin %> install ./mychart --dry-run --debug',
  ];
  static override argumentErrors = needsArguments('chart name');
  static override args = { chart: Args.string({ required: true, description: 'Chart reference.' }) };
  static override flags = {
    ...releaseFlags,
    name: Flags.string({
      char: 'n',
      summary: 'Release name. If unspecified, it will autogenerate one for you.',
      default: '',
    }),
    'name-template': Flags.string({
      summary: 'Specify template used to name the release (a Go template with Sprig functions; wins over --name).',
    }),
    namespace: Flags.string({
      summary: 'Namespace to install the release into (default: the kube-context\'s namespace, else "default").',
    }),
    replace: Flags.boolean({
      summary: 'Re-use the given name, even if that name is already used (deleted or failed releases).',
    }),
    'no-crd-hook': Flags.boolean({ summary: 'Prevent CRD hooks from running, but run other hooks.' }),
    'dep-up': Flags.boolean({ summary: 'Run helm dependency update before installing the chart.' }),
    dialect: dialectFlag,
  };

  async run(): Promise<void> {
    const f = this.flags;
    this.debugLine(`Original chart version: ${JSON.stringify(f.version ?? '')}`);
    const { chart, values, path } = await prepareRelease(
      this.args.chart,
      f,
      this.settings,
      this.home,
      stderrLine,
      (m) => this.debugLine(m),
    );
    this.debugLine(`CHART PATH: ${path}\n`);
    let name = f.name;
    // Helm 2's order: the chart is found first, then --name-template (a Go template with Sprig's
    // functions, run with no data) gives the name, which is shown
    if (f['name-template']) {
      const { generateReleaseName } = await import('@helmts/engine');
      name = generateReleaseName(f['name-template']);
      // after the [debug] lines, which are held until Tiller is reached (see debugLine)
      if (this.settings.debug) this.afterDebugLines(`FINAL NAME: ${name}\n`);
      else process.stdout.write(`FINAL NAME: ${name}\n`);
    }
    // Helm 2's client check (Kubernetes' IsDNS1123Subdomain, its words); Tiller then allows 53 characters
    if (name) {
      const problems: string[] = [];
      if (name.length > 253) problems.push('must be no more than 253 characters');
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name))
        problems.push(
          "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        );
      if (problems.length > 0) throw new HelmtsError(`release name ${name} is invalid: ${problems.join(';')}`);
    }
    const { release, live } = await this.withTiller(async (tiller) => {
      const release = await installRelease(tiller, {
        chart,
        values,
        name,
        namespace: f.namespace ?? contextNamespace(this.settings),
        dryRun: f['dry-run'],
        disableHooks: f['no-hooks'],
        disableCrdHook: f['no-crd-hook'],
        replace: f.replace,
        timeout: f.timeout,
        wait: f.wait,
        atomic: f.atomic,
        description: f.description,
        subNotes: f['render-subchart-notes'],
        dialect: f.dialect,
        progress: progressMode(f.progress, f.output),
        warn: stderrLine,
      });
      return { release, live: f['dry-run'] ? undefined : await liveStatus(tiller, release.name, release.version) };
    });
    process.stdout.write(
      formatReleaseResult(release, f.output, { debug: this.settings.debug, dryRun: f['dry-run'], live }),
    );
  }
}
