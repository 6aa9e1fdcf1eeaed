import { readFile } from 'node:fs/promises';

import { HelmtsError, NotFoundError } from '@helmts/core';
import * as openpgp from 'openpgp';

/**
 * Reads an OpenPGP keyring file: GnuPG's binary keyring (pubring.gpg / secring.gpg, the format
 * Helm reads) or an ASCII-armored export. GnuPG 2.1+ keeps keys in pubring.kbx (a keybox), which
 * neither Helm nor this reads: export them with `gpg --export > pubring.gpg`.
 */
export async function readKeyring(file: string): Promise<openpgp.Key[]> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw new NotFoundError(`failed to load keyring ${file}: ${(error as Error).message}`, {
      hint: 'Pass --keyring with a GnuPG binary keyring (gpg --export > pubring.gpg, or gpg --export-secret-keys > secring.gpg to sign).',
      cause: error,
    });
  }
  try {
    const armored = data.subarray(0, 64).toString('latin1').includes('-----BEGIN PGP');
    return armored
      ? await openpgp.readKeys({ armoredKeys: data.toString('utf8') })
      : await openpgp.readKeys({ binaryKeys: new Uint8Array(data) });
  } catch (error) {
    const kbx = data.subarray(8, 12).toString('latin1') === 'KBXf';
    throw new HelmtsError(
      `failed to load keyring ${file}: ${kbx ? 'this is a GnuPG keybox (.kbx), not a keyring' : (error as Error).message}`,
      {
        hint: 'Export the keys to a keyring file: gpg --export > pubring.gpg (public) or gpg --export-secret-keys > secring.gpg (secret).',
        cause: error,
      },
    );
  }
}

/**
 * Picks the key named `id` as Helm does: a user ID equal to `id` wins; otherwise the one key
 * whose user ID contains it (more than one is an error); no `id` means the first key.
 */
export function selectKey(keys: openpgp.Key[], id: string | undefined): openpgp.Key | undefined {
  if (id === undefined || id === '') return keys[0];
  let candidate: openpgp.Key | undefined;
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
  if (vague)
    throw new HelmtsError(`more than one key contain the id "${id}"`, {
      hint: 'Give more of the user ID (e.g. the e-mail address).',
    });
  return candidate;
}

/** "Name <email>" of a key's primary user, for messages. */
export async function describeSigner(key: openpgp.Key): Promise<string> {
  try {
    const { user } = await key.getPrimaryUser();
    return user.userID?.userID ?? key.getUserIDs()[0] ?? key.getKeyID().toHex();
  } catch {
    return key.getUserIDs()[0] ?? key.getKeyID().toHex();
  }
}
