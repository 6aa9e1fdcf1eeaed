import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';

import { HelmtsError, NotFoundError } from '@helmts/core';
import * as openpgp from 'openpgp';

import { describeSigner } from './keyring.js';
import { parseProvenanceMessage } from './message-block.js';
import { sha256Hex } from './sign-chart-archive.js';

export interface Verification {
  signedBy: string;
  fingerprint: string;
  fileName: string;
  fileHash: string;
}

/** A chart archive whose provenance does not check out; the message says which check failed. */
export class VerificationError extends HelmtsError {}

/**
 * Checks `<archive>.prov` as Helm's `verify` does: the clear-signature must be valid and made by
 * a key of the keyring, and the digest recorded for the archive's base name must equal the
 * archive's sha256.
 */
export async function verifyChartArchive(archivePath: string, keys: openpgp.Key[]): Promise<Verification> {
  const info = await stat(archivePath).catch((error: unknown) => {
    throw new NotFoundError(`${archivePath}: ${(error as Error).message}`, { cause: error });
  });
  if (info.isDirectory())
    throw new HelmtsError('unpacked charts cannot be verified', {
      hint: 'Package the chart first: helmts package --sign ...',
    });
  const data = await readFile(archivePath);
  if (data[0] !== 0x1f || data[1] !== 0x8b) throw new HelmtsError('chart must be a tgz file');
  const provPath = `${archivePath}.prov`;
  let armored: string;
  try {
    armored = await readFile(provPath, 'utf8');
  } catch (error) {
    throw new NotFoundError(`could not load provenance file ${provPath}: ${(error as Error).message}`, {
      hint: 'A signed chart comes with <name>-<version>.tgz.prov next to it (helmts package --sign).',
      cause: error,
    });
  }
  let message: openpgp.CleartextMessage;
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: armored });
  } catch (error) {
    throw new VerificationError(`${provPath} is not a clear-signed OpenPGP message: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const result = await openpgp.verify({ message, verificationKeys: keys, expectSigned: false });
  const signature = result.signatures[0];
  if (signature === undefined) throw new VerificationError(`${provPath} carries no signature`);
  try {
    await signature.verified;
  } catch (error) {
    const reason = (error as Error).message.replace(/^Error verifying signed message: /, '');
    const unknown = /Could not find signing key/i.test(reason);
    throw new VerificationError(
      unknown
        ? `signature made by unknown entity (key ID ${signature.keyID.toHex()}): not in the keyring`
        : `invalid signature: ${reason}`,
      {
        hint: unknown
          ? "Pass --keyring with a keyring holding the signer's public key."
          : 'The provenance file was altered after signing.',
        cause: error,
      },
    );
  }
  const signer = keys.find((key) => key.getKeys(signature.keyID).length > 0);
  const body = parseProvenanceMessage(message.getText());
  const fileName = basename(archivePath);
  const recorded = body.files[fileName];
  if (recorded === undefined)
    throw new VerificationError(`provenance does not contain a SHA for a file named "${fileName}"`);
  const actual = `sha256:${sha256Hex(data)}`;
  if (recorded !== actual) {
    throw new VerificationError(`sha256 sum does not match for ${fileName}: "${recorded}" != "${actual}"`, {
      hint: 'The archive is not the one that was signed: it was modified or replaced.',
    });
  }
  return {
    signedBy: signer === undefined ? signature.keyID.toHex() : await describeSigner(signer),
    fingerprint: signer?.getFingerprint() ?? '',
    fileName,
    fileHash: actual,
  };
}
