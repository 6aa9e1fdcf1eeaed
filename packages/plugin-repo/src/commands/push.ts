import { Args, Flags, HelmtsCommand } from '@helmts/core';

export default class Push extends HelmtsCommand<typeof Push> {
  static override summary = 'Push a packaged chart to an OCI registry, as Helm 3 and later do.';
  static override description =
    'The chart goes to REMOTE/NAME:VERSION (a "+" in the version becomes "_", the OCI tag convention) as ' +
    "Helm's OCI artifact: its metadata as the config, the .tgz as the layer (and CHART.tgz.prov when present), " +
    'so helm pull and helm install oci:// read it, and helmts fetch/install/upgrade oci:// read what helm push wrote. ' +
    'Credentials from `registry login` (--registry-config); plain HTTP for loopback registries.';
  static override examples = [
    '<%= config.bin %> package ./mychart && <%= config.bin %> push mychart-0.1.0.tgz oci://127.0.0.1:5000/charts',
    '<%= config.bin %> fetch oci://127.0.0.1:5000/charts/mychart --version 0.1.0',
    '<%= config.bin %> install oci://127.0.0.1:5000/charts/mychart --version 0.1.0 --name web',
  ];
  static override args = {
    chart: Args.string({ required: true, description: 'The packaged chart (.tgz).' }),
    remote: Args.string({ required: true, description: 'oci://HOST[:PORT]/PATH' }),
  };
  static override flags = {
    'plain-http': Flags.boolean({ summary: 'Use plain HTTP for a registry that is not on loopback.' }),
    'registry-config': Flags.string({ summary: 'The registry config file `registry login` wrote.' }),
  };

  async run(): Promise<void> {
    const { pushChart } = await import('@helmts/repo');
    const pushed = await pushChart(this.args.chart, this.args.remote, {
      plainHttp: this.flags['plain-http'] || undefined,
      registryConfig: this.flags['registry-config'],
    });
    // Helm prints these two lines on stderr.
    process.stderr.write(`Pushed: ${pushed.reference}\nDigest: ${pushed.digest}\n`);
  }
}
