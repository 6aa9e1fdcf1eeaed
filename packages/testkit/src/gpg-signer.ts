import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A signing key made by GnuPG, as the binary keyrings Helm 2 reads. */
export interface GpgSigner {
  /** "Name <email>" */
  userId: string;
  /** Public keyring (`gpg --export`): for verify and --verify. */
  pubring: string;
  /** Secret keyring (`gpg --export-secret-keys`, the legacy secring.gpg): for package --sign. */
  secring: string;
}

/**
 * Makes an RSA signing key with the machine's `gpg` in its own GNUPGHOME under `dir` and exports
 * it as Helm 2's keyring files: what a chart author does (GnuPG 2.1+ keeps keys in a keybox,
 * which Helm 2 cannot read). The key's agent is stopped afterwards.
 */
export function gpgSigner(dir: string, name: string, email: string, passphrase = ''): GpgSigner {
  const slug = email.replace(/[^a-z0-9]/gi, '-');
  const home = join(dir, `gnupg-${slug}`);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const gpg = (args: string[]): Buffer =>
    execFileSync('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', passphrase, ...args], {
      env: { ...process.env, GNUPGHOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const userId = `${name} <${email}>`;
  try {
    gpg(['--quick-gen-key', userId, 'rsa2048', 'sign', 'never']);
    const pubring = join(dir, `${slug}-pubring.gpg`);
    const secring = join(dir, `${slug}-secring.gpg`);
    writeFileSync(pubring, gpg(['--export', userId]));
    writeFileSync(secring, gpg(['--export-secret-keys', userId]));
    return { userId, pubring, secring };
  } finally {
    execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home }, stdio: 'ignore' });
  }
}
