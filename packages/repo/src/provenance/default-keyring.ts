/**
 * `@helmts/repo/keyring`: Helm 2's default --keyring, importable at a command's top level (for its
 * flag's default) without loading the rest of this package.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** $HOME/.gnupg/pubring.gpg, whatever HELM_HOME says (Helm 2's default for --keyring). */
export function defaultKeyring(): string {
  return join(homedir(), '.gnupg', 'pubring.gpg');
}
