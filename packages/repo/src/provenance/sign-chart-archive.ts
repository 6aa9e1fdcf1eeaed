import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { loadChartArchive, metadataAsYaml } from '@helmts/chart';
import type { Key, PrivateKey } from 'openpgp';

import { readKeyring, selectKey } from './keyring.js';
import { provenanceMessage } from './message-block.js';
import { ProvenanceError } from './provenance-error.js';

export interface SigningRequest {
  /** A secret keyring (GnuPG binary, or armored). */
  keyring: string;
  /** The key's user ID or a part of it (`--key`). */
  keyName: string;
  /** Asked only when the key is protected by a passphrase; given the signer's user ID. */
  passphrase: (userId: string) => Promise<string>;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The private key ready to sign, in Helm 2's words when there is none. */
async function unlockSigningKey(key: Key | undefined, request: SigningRequest): Promise<PrivateKey> {
  if (key === undefined) throw new ProvenanceError('private key not found');
  if (!key.isPrivate()) throw new ProvenanceError('provided key is not a private key');
  if (key.isDecrypted()) return key;
  const passphrase = await request.passphrase(key.getUserIDs()[0] ?? request.keyName);
  const openpgp = await import('openpgp');
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase });
  } catch (error) {
    throw new ProvenanceError(`cannot unlock the signing key: ${(error as Error).message}`, {
      hint: 'Check the passphrase (HELMTS_KEY_PASSPHRASE or HELM_KEY_PASSPHRASE).',
      cause: error,
    });
  }
}

/**
 * The `.prov` content for a chart archive, as Helm 2's `package --sign` writes it: the metadata
 * read back from the archive and the archive's sha256, clear-signed with SHA-512, LF line ends,
 * no newline after the armor's last line.
 */
export async function signChartArchive(archivePath: string, request: SigningRequest): Promise<string> {
  const key = selectKey(await readKeyring(request.keyring), request.keyName);
  const signingKey = await unlockSigningKey(key, request);
  const data = await readFile(archivePath);
  const chart = loadChartArchive(new Uint8Array(data));
  const text = provenanceMessage(metadataAsYaml(chart.metadata), basename(archivePath), sha256Hex(data));
  const openpgp = await import('openpgp');
  const armored = await openpgp.sign({
    message: await openpgp.createCleartextMessage({ text }),
    signingKeys: signingKey,
    config: { preferredHashAlgorithm: openpgp.enums.hash.sha512 },
  });
  // openpgp.js writes the cleartext with CRLF; Helm's files use LF. Both sign the same canonical
  // (CRLF) text, so the signature holds either way.
  return armored.replaceAll('\r\n', '\n').replace(/\n$/, '');
}
