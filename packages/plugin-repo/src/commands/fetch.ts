import { Args, Flags, HelmtsCommand, HelmtsError, UsageError } from '@helmts/core';

import { downloaderGetters } from '@helmts/core';
import { defaultKeyring } from '@helmts/repo/keyring';
import { downloadProgress } from '../download-progress.js';
import { chartLookupFromFlags, transportFlags } from '../transport-flags.js';

export default class Fetch extends HelmtsCommand<typeof Fetch> {
  static override summary = 'Download a chart from a repository and (optionally) unpack it in a local directory.';
  static override description =
    'REF is REPO/CHART of a configured repository, a chart URL, or a chart name with --repo URL. ' +
    "The archive's sha256 is checked against the index when the index gives one. " +
    '--prov also downloads the provenance file (<chart>.tgz.prov) beside it; --verify downloads it and checks the chart against it with --keyring as Helm 2 does (printing "Verification: ..."), refusing (exit 1) a chart whose signature does not match: as Helm 2, the archive and its .prov stay where they were saved (not with --untar, which downloads to a temporary directory).';
  static override examples = [
    '<%= config.bin %> fetch stable/mysql',
    '<%= config.bin %> fetch stable/mysql --version "~1.2" --untar --untardir ./charts',
    '<%= config.bin %> fetch mychart --repo https://charts.example.com -d /tmp',
    '<%= config.bin %> fetch https://charts.example.com/mychart-1.0.0.tgz',
    '<%= config.bin %> fetch s3://my-bucket/charts/mychart-1.0.0.tgz   # through a downloader plugin',
  ];
  static override aliases = ['pull'];
  static override strict = false;
  static override argumentErrors = { missing: 'need at least one argument, url or repo/name of the chart' };
  static override args = { ref: Args.string({ required: true, description: 'Chart reference(s) to download.' }) };
  static override flags = {
    ...transportFlags,
    version: Flags.string({ summary: 'Chart version or constraint; the newest stable version if not set.' }),
    repo: Flags.string({ summary: 'Chart repository URL where to locate the requested chart.' }),
    devel: Flags.boolean({
      summary: 'Use development versions too. Equivalent to version ">0.0.0-0". Ignored if --version is set.',
    }),
    untar: Flags.boolean({ summary: 'If set to true, will untar the chart after downloading it.' }),
    untardir: Flags.string({
      summary: 'If untar is specified, this flag specifies the name of the directory into which the chart is expanded.',
      default: '.',
    }),
    destination: Flags.string({
      char: 'd',
      summary: 'Location to write the chart. If this and untardir are specified, untardir is appended to this.',
      default: '.',
    }),
    prov: Flags.boolean({ summary: "Fetch the provenance file, but don't perform verification." }),
    verify: Flags.boolean({ summary: 'Verify the package against its signature.' }),
    keyring: Flags.string({ summary: 'Keyring containing public keys.', default: defaultKeyring() }),
  };

  async run(): Promise<void> {
    const { defaultChartSources, resolveChart } = await import('@helmts/repo');
    // with --repo the chart comes from that repository, whatever is on disk (Helm 2's FindChartInRepoURL)
    const sources = this.flags.repo ? defaultChartSources.filter((s) => s.kind !== 'local') : defaultChartSources;
    const { expandChartArchive } = await import('@helmts/chart');
    const { mkdtemp, readFile, rm, stat } = await import('node:fs/promises');
    const { join, resolve } = await import('node:path');
    const refs = (await this.parse(Fetch)).argv as string[];
    const destination = resolve(this.flags.destination);
    const destInfo = await stat(destination).catch(() => undefined);
    if (!destInfo?.isDirectory())
      throw new UsageError(`${this.flags.destination} is not a directory`, {
        hint: 'create the destination directory first',
      });
    const getters = await downloaderGetters(this.settings);
    for (const ref of refs) {
      const work = this.flags.untar ? await mkdtemp(join(destination, '.helmts-fetch-')) : destination;
      const progress = downloadProgress(`Downloading ${ref}`);
      try {
        const chart = await resolveChart(
          ref,
          {
            home: this.home,
            ...chartLookupFromFlags(this.flags),
            destination: work,
            onProgress: progress.onProgress,
            getters,
            // Helm 2: --verify fetches and checks the .prov, --prov only fetches it
            provenance: this.flags.verify ? 'verify' : this.flags.prov ? 'fetch' : undefined,
            keyring: this.flags.keyring,
            onWarning: (line) => this.log(line),
          },
          sources,
        ).finally(() => progress.done());
        // Helm 2's downloader takes a name that is neither a URL nor repo/chart for a bad reference
        if (chart.source === 'local')
          throw new HelmtsError(`Non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`);
        if (chart.verification) {
          // Helm 2 prints its Verification struct with %v: a pointer to the signer (here its key ID), the hash, the file
          const { keyId, fileHash, fileName } = chart.verification;
          this.log(`Verification: &{0x${keyId} ${fileHash} ${fileName}}`);
        }
        if (this.flags.untar) {
          const untarTo = resolve(destination, this.flags.untardir);
          const top = expandChartArchive(await readFile(chart.path), untarTo);
          this.logDebug(`unpacked ${chart.path} into ${top}`);
        }
        // Helm 3 and later say what they pulled from a registry (on stderr); Helm 2 had no OCI.
        if (chart.source === 'oci')
          process.stderr.write(`Pulled: ${chart.url!.slice('oci://'.length)}\nDigest: ${chart.digest}\n`);
        this.logDebug(`fetched ${chart.url} (version ${chart.version ?? 'unknown'}) to ${chart.path}`);
      } finally {
        if (this.flags.untar) await rm(work, { recursive: true, force: true });
      }
    }
  }
}
