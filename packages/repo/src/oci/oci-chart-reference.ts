/**
 * `oci://host[:port]/path[/name][:tag]` as Helm's `push`, `pull` and `install` take it. OCI tags
 * cannot hold `+`, so a chart version's `+` travels as `_` (Helm's convention, both ways).
 */
import { RepoError } from '../errors.js';

const OCI_SCHEME = 'oci://';

export function isOciReference(reference: string): boolean {
  return reference.startsWith(OCI_SCHEME);
}

/** `1.2.3+build.7` → `1.2.3_build.7`. */
export function versionToTag(version: string): string {
  return version.replaceAll('+', '_');
}

/** `1.2.3_build.7` → `1.2.3+build.7`. */
export function tagToVersion(tag: string): string {
  return tag.replaceAll('_', '+');
}

/** The repository (host/path, without the scheme) and the tag given after its last `:`, if any. */
export function parseOciReference(reference: string): { repository: string; tag?: string } {
  if (!isOciReference(reference)) throw new RepoError(`"${reference}" is not an oci:// reference`);
  const rest = reference.slice(OCI_SCHEME.length).replace(/\/+$/, '');
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1)
    throw new RepoError(
      `invalid OCI reference "${reference}": give oci://HOST[:PORT]/PATH, e.g. oci://127.0.0.1:5000/charts`,
    );
  const path = rest.slice(slash + 1);
  const colon = path.lastIndexOf(':');
  if (colon < 0) return { repository: rest };
  return { repository: `${rest.slice(0, slash)}/${path.slice(0, colon)}`, tag: path.slice(colon + 1) };
}
