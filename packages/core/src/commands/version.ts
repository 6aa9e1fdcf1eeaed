import { Flags } from '../sdk/oclif.js';

import { HelmtsCommand } from '../sdk/command.js';
import { outputFlag } from '../sdk/flags.js';
import { queryTillerVersion } from '../sdk/tiller-version.js';
import {
  TILLER_VERSION_HOOK,
  type TillerVersionHookOptions,
  type TillerVersionHookResult,
} from '../sdk/tiller-version-hook.js';
import { tillerTlsFlags } from '../sdk/tls-flags.js';
import { clientVersion, formatGoVersion, type VersionInfo } from '../sdk/version.js';

export default class Version extends HelmtsCommand<typeof Version> {
  static override summary = 'Print the client and Tiller versions.';
  static override argumentErrors = { ignoresExtra: true };
  static override examples = [
    '<%= config.bin %> version',
    '<%= config.bin %> version --client -o json',
    '<%= config.bin %> version --short',
  ];
  static override flags = {
    client: Flags.boolean({ char: 'c', summary: 'Client version only.' }),
    server: Flags.boolean({ char: 's', summary: 'Server (Tiller) version only.' }),
    short: Flags.boolean({ summary: 'Print the version number only.' }),
    template: Flags.string({ summary: 'Template for the version string (Go template, e.g. {{.Client.SemVer}}).' }),
    output: outputFlag('table'),
    ...tillerTlsFlags,
  };

  async run(): Promise<void> {
    const { client, server, short, output, template } = this.flags;
    const showClient = client || !server;
    const showServer = server || !client;
    const result: { client?: VersionInfo; server?: VersionInfo } = {};
    if (showClient) result.client = clientVersion();
    const line = (who: string, v: VersionInfo) => `${who}: ${short ? v.semVer : formatGoVersion(v)}\n`;
    const table = output !== 'json' && output !== 'yaml' && !template;
    // As Helm 2: the client line is printed before Tiller is asked, so it shows even when Tiller is down.
    if (table && result.client) process.stdout.write(line('Client', result.client));
    if (showServer) result.server = await this.tillerVersion(server);
    if (template) {
      process.stdout.write(await renderVersionTemplate(template, result));
      return;
    }
    if (table) {
      if (result.server) process.stdout.write(line('Server', result.server));
      return;
    }
    this.printOutput(output, result, () => '');
  }

  /**
   * Tiller's version from the plugin that finds Tiller (the in-cluster pod through a tunnel, TLS);
   * with no such plugin, a plain gRPC call to --host.
   */
  private async tillerVersion(required: boolean) {
    const answering = this.config
      .getPluginsList()
      .some((plugin) => (plugin.hooks?.[TILLER_VERSION_HOOK] ?? []).length > 0);
    if (!answering) return queryTillerVersion(this.settings, { required });
    const f = this.flags;
    const options: TillerVersionHookOptions = {
      settings: this.settings,
      tls: {
        tls: f.tls,
        'tls-verify': f['tls-verify'],
        'tls-ca-cert': f['tls-ca-cert'],
        'tls-cert': f['tls-cert'],
        'tls-key': f['tls-key'],
        'tls-hostname': f['tls-hostname'],
      },
      required,
    };
    const { successes, failures } = await this.config.runHook(
      TILLER_VERSION_HOOK as never,
      options as never,
      undefined,
      true,
    );
    if (failures.length > 0) throw failures[0].error;
    const answer = successes.map((s) => s.result as TillerVersionHookResult | undefined).find(Boolean);
    return answer?.server;
  }
}

/** `--template`: a Go template over Helm 2's struct ({{.Client.SemVer}}, {{.Server.GitCommit}}). */
async function renderVersionTemplate(text: string, result: { client?: VersionInfo; server?: VersionInfo }) {
  const { TemplateSet } = await import('@helmts/gotemplate');
  const goVersion = (v?: VersionInfo) =>
    v ? { SemVer: v.semVer, GitCommit: v.gitCommit, GitTreeState: v.gitTreeState } : null;
  const set = new TemplateSet();
  set.parse('version', text);
  return set.execute('version', { Client: goVersion(result.client), Server: goVersion(result.server) });
}
