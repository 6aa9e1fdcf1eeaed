// Helm 2's client/server compatibility rule (reference §1.1), applied by Tiller to the
// x-helm-api-client header of every call except GetVersion.

interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
}

const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseSemVer(v: string): SemVer | undefined {
  const m = SEMVER.exec(v.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), prerelease: m[4] ?? '' };
}

/**
 * Whether a server of version `server` accepts a client of version `client`: anything ending in
 * "unreleased" is compatible; otherwise the server must satisfy `^<clientMajor>.<clientMinor>.x`
 * (same major, not older minor), or equal the client exactly when either has a prerelease part.
 * An empty or unparsable client version is incompatible.
 */
export function isCompatibleVersion(client: string, server: string): boolean {
  if (client.endsWith('unreleased') || server.endsWith('unreleased')) return true;
  const c = parseSemVer(client);
  const s = parseSemVer(server);
  if (!c || !s) return false;
  if (c.prerelease || s.prerelease) {
    return c.major === s.major && c.minor === s.minor && c.patch === s.patch && c.prerelease === s.prerelease;
  }
  return s.major === c.major && s.minor >= c.minor;
}

/** The error message Helm 2 gives for a version mismatch. */
export function incompatibleVersionMessage(client: string, server: string): string {
  return `incompatible versions client[${client}] server[${server}]`;
}
