import { Flags } from '../sdk/oclif.js';

import { HelmtsCommand } from '../sdk/command.js';
import { outputFlag } from '../sdk/flags.js';
import { queryTillerVersion } from '../sdk/tiller-version.js';
import { clientVersion, formatGoVersion, type VersionInfo } from '../sdk/version.js';

export default class Version extends HelmtsCommand<typeof Version> {
  static override summary = 'Print the client and Tiller versions.';
  static override examples = [
    '<%= config.bin %> version',
    '<%= config.bin %> version --client -o json',
    '<%= config.bin %> version --short',
  ];
  static override flags = {
    client: Flags.boolean({ char: 'c', summary: 'Client version only.' }),
    server: Flags.boolean({ char: 's', summary: 'Server (Tiller) version only.' }),
    short: Flags.boolean({ summary: 'Print the version number only.' }),
    output: outputFlag('table'),
  };

  async run(): Promise<void> {
    const { client, server, short, output } = this.flags;
    const showClient = client || !server;
    const showServer = server || !client;
    const result: { client?: VersionInfo; server?: VersionInfo } = {};
    if (showClient) result.client = clientVersion();
    if (showServer) result.server = await queryTillerVersion(this.settings, { required: server });
    this.printOutput(output, result, (data) => {
      const lines: string[] = [];
      if (data.client) lines.push(short ? `Client: ${data.client.semVer}` : `Client: ${formatGoVersion(data.client)}`);
      if (data.server) lines.push(short ? `Server: ${data.server.semVer}` : `Server: ${formatGoVersion(data.server)}`);
      return lines.map((l) => `${l}\n`).join('');
    });
  }
}
