import { Args, Flags, HelmtsCommand } from '@helmts/core';

import { defaultKeyring } from '@helmts/repo/keyring';

export default class Verify extends HelmtsCommand<typeof Verify> {
  static override summary = 'Verify that the given chart has a valid provenance file.';
  static override description = `Provenance files provide cryptographic verification that a chart has not been tampered with, and was packaged by a trusted provider.
Checks <chart>.tgz.prov next to the archive, as Helm 2 does: its PGP signature must be valid and made by a key of the keyring, and the sha256 it records for the archive must be the archive's. Prints nothing when the chart verifies (with --debug: the signer, the key and the hash); otherwise exits 1 naming the failed check. Several other commands (fetch, install, upgrade) run the same check with --verify; helmts package --sign makes the provenance file.`;
  static override examples = ['<%= config.bin %> verify mychart-0.1.0.tgz --keyring ~/.gnupg/pubring.gpg'];

  static override argumentErrors = { missing: 'a path to a package file is required', ignoresExtra: true };
  static override args = { path: Args.string({ description: 'the chart archive (.tgz)', required: true }) };
  static override flags = {
    keyring: Flags.string({ summary: 'Keyring containing public keys.', default: defaultKeyring() }),
  };

  async run(): Promise<void> {
    const { verifyChartArchive } = await import('@helmts/repo');
    const verification = await verifyChartArchive(this.args.path, this.flags.keyring);
    // Helm 2's verify prints nothing on success
    this.logDebug(`Signed by: ${verification.signedBy}`);
    this.logDebug(`Using Key With Fingerprint: ${verification.fingerprint}`);
    this.logDebug(`Chart Hash Verified: ${verification.fileHash}`);
  }
}
