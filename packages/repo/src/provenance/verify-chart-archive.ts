import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';

import { goPathError } from '@helmts/chart';
import type { CleartextMessage, Key } from 'openpgp';

import { describeSigner, readKeyring } from './keyring.js';
import { parseProvenanceMessage } from './message-block.js';
import { ProvenanceError } from './provenance-error.js';
import { sha256Hex } from './sign-chart-archive.js';

export interface Verification {
  /** "Name <email>" of the signing key's primary user. */
  signedBy: string;
  /** The ID of the (sub)key that made the signature, 16 lower-case hex digits. */
  keyId: string;
  /** The signing key's fingerprint, upper-case hex. */
  fingerprint: string;
  fileName: string;
  /** `sha256:<hex>` of the archive, as the provenance file records it. */
  fileHash: string;
}

/** The OpenPGP check of the clear-signed text, failures in the words of Go's openpgp (Helm 2's). */
async function checkSignature(message: CleartextMessage, keys: Key[]): Promise<{ signer: Key; keyId: string }> {
  const openpgp = await import('openpgp');
  const result = await openpgp.verify({ message, verificationKeys: keys, expectSigned: false });
  const signature = result.signatures[0];
  if (signature === undefined) throw new ProvenanceError('failed to decode signature: signature block not found');
  const signer = keys.find((key) => key.getKeys(signature.keyID).length > 0);
  if (signer === undefined) throw new ProvenanceError('openpgp: signature made by unknown entity');
  try {
    await signature.verified;
  } catch (error) {
    const reason = (error as Error).message;
    // openpgp.js checks the digest's first two bytes against the signature's as Go does ("hash tag")
    const words = /digest did not match/i.test(reason) ? "hash tag doesn't match" : 'RSA verification failure';
    throw new ProvenanceError(`openpgp: invalid signature: ${words}`, { cause: error });
  }
  return { signer, keyId: signature.keyID.toHex() };
}

/**
 * Checks a chart archive against `<archive>.prov` as Helm 2's VerifyChart does, in its order and
 * words: the archive exists and is a .tgz, the provenance file exists, the keyring loads, the
 * clear-signature is valid and made by a key of the keyring, and the digest it records for the
 * archive's base name is the archive's sha256.
 */
export async function verifyChartArchive(archivePath: string, keyringPath: string): Promise<Verification> {
  const info = await stat(archivePath).catch((error: unknown) => {
    throw new ProvenanceError(goPathError('stat', archivePath, error), { cause: error });
  });
  if (info.isDirectory()) throw new ProvenanceError('unpacked charts cannot be verified');
  if (extname(archivePath).toLowerCase() !== '.tgz') throw new ProvenanceError('chart must be a tgz file');
  const provPath = `${archivePath}.prov`;
  await stat(provPath).catch((error: unknown) => {
    throw new ProvenanceError(`could not load provenance file ${provPath}: ${goPathError('stat', provPath, error)}`, {
      cause: error,
    });
  });
  let keys: Key[];
  try {
    keys = await readKeyring(keyringPath);
  } catch (error) {
    const e = error as ProvenanceError;
    throw new ProvenanceError(`failed to load keyring: ${e.message}`, { hint: e.hint, cause: error });
  }
  const armored = await readFile(provPath, 'utf8');
  const openpgp = await import('openpgp');
  let message: CleartextMessage;
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: armored });
  } catch (error) {
    throw new ProvenanceError('failed to decode signature: signature block not found', { cause: error });
  }
  const { signer, keyId } = await checkSignature(message, keys);
  const data = await readFile(archivePath);
  const body = parseProvenanceMessage(message.getText());
  const fileName = basename(archivePath);
  const recorded = body.files[fileName];
  if (recorded === undefined)
    throw new ProvenanceError(`provenance does not contain a SHA for a file named "${fileName}"`);
  const actual = `sha256:${sha256Hex(data)}`;
  if (recorded !== actual)
    throw new ProvenanceError(`sha256 sum does not match for ${fileName}: "${recorded}" != "${actual}"`);
  return {
    signedBy: await describeSigner(signer),
    keyId,
    fingerprint: signer.getFingerprint().toUpperCase(),
    fileName,
    fileHash: actual,
  };
}
