import { basename, join, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';

import { Args, Flags, HelmtsCommand, HelmtsError } from '@helmts/core';
import { defaultKeyring } from '@helmts/repo/keyring';

import { packageChart } from '../package/package-chart.js';
import { updateChartDependencies } from '../package/update-dependencies.js';

export default class Package extends HelmtsCommand<typeof Package> {
  static override summary = 'Package a chart directory into a chart archive.';
  static override description = `Packages each chart directory into a versioned archive, <name>-<version>.tgz, the format chart repositories use. The archive is deterministic: the same chart gives the same bytes.
The archive is also saved into the local chart repository (HELMTS_HOME/repository/local, added to its index.yaml: what "serve" serves by default) unless --save=false (or --no-save).
With --sign, also writes <archive>.prov, a PGP clear-signed provenance file (as Helm's), with the key --key from the secret keyring --keyring. The key's passphrase is read from HELMTS_KEY_PASSPHRASE (or HELM_KEY_PASSPHRASE), or asked on a terminal.`;
  static override examples = [
    '<%= config.bin %> package ./mychart',
    '<%= config.bin %> package ./mychart --version 1.2.3 --app-version 4.5 -d dist/',
    '<%= config.bin %> package ./mychart --save=false',
    '<%= config.bin %> package ./mychart --sign --key "Chart Signer" --keyring ~/.gnupg/secring.gpg',
  ];

  static override strict = false;
  static override argumentErrors = { missing: 'need at least one argument, the path to the chart' };
  static override args = { path: Args.string({ description: 'chart directories to package', required: true }) };

  static override flags = {
    destination: Flags.string({ char: 'd', summary: 'Location to write the chart.', default: '.' }),
    version: Flags.string({ summary: 'Set the version on the chart to this SemVer version.' }),
    'app-version': Flags.string({ summary: 'Set the appVersion on the chart to this version.' }),
    'dependency-update': Flags.boolean({
      char: 'u',
      summary: 'Update dependencies from requirements into charts/ before packaging.',
    }),
    sign: Flags.boolean({ summary: 'Use a PGP private key to sign this package.' }),
    key: Flags.string({ summary: 'Name of the key to use when signing (used with --sign).' }),
    keyring: Flags.string({ summary: 'Location of a secret keyring (used with --sign).', default: defaultKeyring() }),
    save: Flags.boolean({
      summary: 'Save the packaged chart to the local chart repository (HELMTS_HOME/repository/local).',
      default: true,
      allowNo: true,
    }),
  };

  async run(): Promise<void> {
    const { flags } = this;
    const { argv } = await this.parse(Package);
    const paths = argv as string[];
    if (flags.sign && !flags.key) throw new HelmtsError('--key is required for signing a package');
    if (flags.sign && !flags.keyring) throw new HelmtsError('--keyring is required for signing a package');
    for (const path of paths) {
      if (flags['dependency-update']) await updateChartDependencies(resolve(path), this.home, (line) => this.log(line));
      const archive = packageChart({
        path,
        destination: flags.destination,
        version: flags.version,
        appVersion: flags['app-version'],
      });
      // as Helm 2: the path under -d as given (relative stays relative); the default "." is the absolute cwd
      const shown = flags.destination === '.' ? archive : join(flags.destination, basename(archive));
      this.log(`Successfully packaged chart and saved it to: ${shown}`);
      // second, as Helm 2: the archive the user asked for exists even if the local repository fails
      if (flags.save) {
        const { addChartToLocalRepository } = await import('@helmts/repo');
        await addChartToLocalRepository(archive, this.home.localRepository);
      }
      if (flags.sign) {
        const { signChartArchive } = await import('@helmts/repo');
        const prov = await signChartArchive(archive, {
          keyring: flags.keyring,
          keyName: flags.key ?? '',
          passphrase: (userId) => this.passphrase(userId),
        });
        await writeFile(`${archive}.prov`, prov, { mode: 0o644 });
      }
    }
  }

  /** Helm 2 asks on the terminal; helmts also takes it from the environment (for CI). */
  private async passphrase(userId: string): Promise<string> {
    const fromEnv = process.env.HELMTS_KEY_PASSPHRASE ?? process.env.HELM_KEY_PASSPHRASE;
    if (fromEnv !== undefined) return fromEnv;
    if (!process.stdin.isTTY) {
      throw new HelmtsError(`the key "${userId}" is protected by a passphrase and there is no terminal to ask for it`, {
        hint: 'Set HELMTS_KEY_PASSPHRASE.',
      });
    }
    const { password } = await import('@inquirer/prompts');
    return password({ message: `Password for key "${userId}"`, mask: true });
  }
}
