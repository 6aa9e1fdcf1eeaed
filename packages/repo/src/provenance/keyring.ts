import { readFile } from 'node:fs/promises';

import { goPathError } from '@helmts/chart';
import type { Key } from 'openpgp';

import { ProvenanceError } from './provenance-error.js';

/**
 * Reads an OpenPGP keyring file: GnuPG's binary keyring (pubring.gpg / secring.gpg, the format
 * Helm 2 reads) or an ASCII-armored export. GnuPG 2.1+ keeps keys in pubring.kbx (a keybox), which
 * neither Helm nor this reads: export them with `gpg --export > pubring.gpg`. Errors are Helm 2's
 * words (`open PATH: no such file or directory`, `openpgp: invalid data: ...`).
 */
export async function readKeyring(file: string): Promise<Key[]> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw new ProvenanceError(goPathError('open', file, error), { cause: error });
  }
  if (data.length === 0) return [];
  const armored = data.subarray(0, 64).toString('latin1').includes('-----BEGIN PGP');
  // Go's packet reader's complaint about a file that is not OpenPGP packets (a keybox, a text file)
  if (!armored && (data[0] & 0x80) === 0) {
    const keybox = data.subarray(8, 12).toString('latin1') === 'KBXf';
    throw new ProvenanceError('openpgp: invalid data: tag byte does not have MSB set', {
      hint: keybox
        ? `${file} is a GnuPG keybox, not a keyring: export one with gpg --export > pubring.gpg (or gpg --export-secret-keys > secring.gpg to sign)`
        : undefined,
    });
  }
  const openpgp = await import('openpgp');
  try {
    return armored
      ? await openpgp.readKeys({ armoredKeys: data.toString('utf8') })
      : await openpgp.readKeys({ binaryKeys: new Uint8Array(data) });
  } catch (error) {
    throw new ProvenanceError(`openpgp: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Picks the key named `id` as Helm 2 does: a user ID equal to `id` wins; otherwise the one key
 * whose user ID contains it (more than one is an error); no `id` means the first key.
 */
export function selectKey(keys: Key[], id: string | undefined): Key | undefined {
  if (id === undefined || id === '') return keys[0];
  let candidate: Key | undefined;
  let vague = false;
  for (const key of keys) {
    for (const userId of key.getUserIDs()) {
      if (userId === id) return key;
      if (userId.includes(id)) {
        if (candidate !== undefined && candidate !== key) vague = true;
        candidate = key;
      }
    }
  }
  if (vague) throw new ProvenanceError(`more than one key contain the id "${id}"`);
  return candidate;
}

/** "Name <email>" of a key's primary user, for messages. */
export async function describeSigner(key: Key): Promise<string> {
  try {
    const { user } = await key.getPrimaryUser();
    return user.userID?.userID ?? key.getUserIDs()[0] ?? key.getKeyID().toHex();
  } catch {
    return key.getUserIDs()[0] ?? key.getKeyID().toHex();
  }
}
