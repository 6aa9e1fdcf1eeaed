import { Args, Flags, HelmtsCommand } from '@helmts/core';

import { readKeyring } from '../provenance/keyring.js';
import { verifyChartArchive } from '../provenance/verify-chart-archive.js';
import { DEFAULT_KEYRING } from './package.js';

export default class Verify extends HelmtsCommand<typeof Verify> {
  static override summary = 'Verify that a chart archive has a valid provenance file.';
  static override description = `Checks <chart>.tgz.prov next to the archive: its PGP signature must be valid and made by a key of the keyring, and the sha256 it records for the archive must be the archive's. Exits non-zero with the failed check otherwise.`;
  static override examples = ['<%= config.bin %> verify mychart-0.1.0.tgz --keyring ~/.gnupg/pubring.gpg'];

  static override args = { path: Args.string({ description: 'the chart archive (.tgz)', required: true }) };
  static override flags = {
    keyring: Flags.string({ summary: 'Keyring containing public keys.', default: DEFAULT_KEYRING }),
  };

  async run(): Promise<void> {
    const verification = await verifyChartArchive(this.args.path, await readKeyring(this.flags.keyring));
    this.log(`Signed by: ${verification.signedBy}`);
    this.log(`Using Key With Fingerprint: ${verification.fingerprint.toUpperCase()}`);
    this.log(`Chart Hash Verified: ${verification.fileHash}`);
  }
}
