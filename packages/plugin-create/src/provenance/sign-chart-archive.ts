import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { loadChartArchive, metadataAsYaml } from '@helmts/chart';
import { HelmtsError } from '@helmts/core';
import * as openpgp from 'openpgp';

import { provenanceMessage } from './message-block.js';

export interface SigningKeyOptions {
  /** Asked only when the key is protected by a passphrase. */
  passphrase: () => Promise<string>;
}

/** The private key ready to sign: decrypted with the passphrase when it is protected. */
export async function unlockSigningKey(key: openpgp.Key, options: SigningKeyOptions): Promise<openpgp.PrivateKey> {
  if (!key.isPrivate()) {
    throw new HelmtsError(
      `private key not found: the keyring holds only the public part of ${key.getUserIDs()[0] ?? key.getKeyID().toHex()}`,
      {
        hint: 'Sign with a secret keyring: gpg --export-secret-keys > secring.gpg, then --keyring secring.gpg.',
      },
    );
  }
  if (key.isDecrypted()) return key;
  const passphrase = await options.passphrase();
  try {
    return await openpgp.decryptKey({ privateKey: key, passphrase });
  } catch (error) {
    throw new HelmtsError(`cannot unlock the signing key: ${(error as Error).message}`, {
      hint: 'Check the passphrase (HELMTS_KEY_PASSPHRASE or HELM_KEY_PASSPHRASE).',
      cause: error,
    });
  }
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The `.prov` content for a chart archive: the metadata read back from the archive and the
 * archive's sha256, clear-signed with SHA-512 as Helm signs.
 */
export async function signChartArchive(archivePath: string, signingKey: openpgp.PrivateKey): Promise<string> {
  const data = await readFile(archivePath);
  const chart = loadChartArchive(new Uint8Array(data));
  const text = provenanceMessage(metadataAsYaml(chart.metadata), basename(archivePath), sha256Hex(data));
  const armored = await openpgp.sign({
    message: await openpgp.createCleartextMessage({ text }),
    signingKeys: signingKey,
    config: { preferredHashAlgorithm: openpgp.enums.hash.sha512 },
  });
  // openpgp.js writes the cleartext with CRLF; Helm's files use LF. Both sign the same canonical
  // (CRLF) text, so the signature holds either way.
  return armored.replaceAll('\r\n', '\n');
}
