import { Args, Flags, HelmtsCommand } from '@helmts/core';

export default class RegistryLogout extends HelmtsCommand<typeof RegistryLogout> {
  static override summary = 'Log out from an OCI registry, as Helm 3 does.';
  static override description = 'Removes the credentials `registry login` stored for the host.';
  static override examples = ['<%= config.bin %> registry logout 127.0.0.1:5000'];
  static override args = {
    host: Args.string({ required: true, description: 'The registry, HOST[:PORT].' }),
  };
  static override flags = {
    'registry-config': Flags.string({ summary: 'The registry config file (default as for registry login).' }),
  };

  async run(): Promise<void> {
    const { registryLogout } = await import('@helmts/repo');
    await registryLogout(this.args.host, { registryConfig: this.flags['registry-config'] });
    // Helm 3 says it on stderr
    process.stderr.write(`Removing login credentials for ${this.args.host.replace(/^oci:\/\//, '')}\n`);
  }
}
