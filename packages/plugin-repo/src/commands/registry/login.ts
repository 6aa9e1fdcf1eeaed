import { Args, Flags, HelmtsCommand, UsageError } from '@helmts/core';

import { readPassword } from '../../read-password.js';
import { readStdinSecret } from '../../read-stdin-secret.js';

export default class RegistryLogin extends HelmtsCommand<typeof RegistryLogin> {
  static override summary = 'Log in to an OCI registry, as Helm 3 does.';
  static override description =
    'Checks the credentials against the registry, then stores them in a Docker-style config.json ' +
    '(--registry-config, HELMTS_REGISTRY_CONFIG, default $HELMTS_HOME/registry/config.json), which push, ' +
    'fetch/install oci:// and `npm run tiller-image -- --push` read.';
  static override examples = [
    'echo "$PASSWORD" | <%= config.bin %> registry login 127.0.0.1:5000 --username me --password-stdin',
    '<%= config.bin %> registry login registry.example.com -u me   # asks for the password',
  ];
  static override args = {
    host: Args.string({ required: true, description: 'The registry, HOST[:PORT].' }),
  };
  static override flags = {
    username: Flags.string({ char: 'u', summary: 'Registry username.' }),
    password: Flags.string({ char: 'p', summary: 'Registry password (prefer --password-stdin).' }),
    'password-stdin': Flags.boolean({ summary: 'Read the password from standard input.' }),
    'plain-http': Flags.boolean({ summary: 'Use plain HTTP for a registry that is not on loopback.' }),
    'registry-config': Flags.string({ summary: 'The registry config file (default as described above).' }),
  };

  async run(): Promise<void> {
    const { registryLogin } = await import('@helmts/repo');
    const { username } = this.flags;
    if (!username) throw new UsageError('registry login needs --username', { hint: 'pass -u USER' });
    if (this.flags.password !== undefined && this.flags['password-stdin'])
      throw new UsageError('--password and --password-stdin are mutually exclusive');
    let password = this.flags.password;
    if (this.flags['password-stdin']) password = await readStdinSecret();
    else if (password === undefined) {
      if (!process.stdin.isTTY)
        throw new UsageError('no password given', { hint: 'pass --password-stdin (or --password)' });
      password = await readPassword('Password:');
    }
    await registryLogin(
      this.args.host,
      { username, password },
      { registryConfig: this.flags['registry-config'], plainHttp: this.flags['plain-http'] || undefined },
    );
    process.stdout.write('Login Succeeded\n');
  }
}
