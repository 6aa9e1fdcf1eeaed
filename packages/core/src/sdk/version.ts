import { readFileSync } from 'node:fs';

/** Helm 2's version.Version message, as `version` prints it. */
export interface VersionInfo {
  semVer: string;
  gitCommit: string;
  gitTreeState: string;
}

let cached: VersionInfo | undefined;

/** The client's own version, read once from core's package.json. */
export function clientVersion(): VersionInfo {
  if (!cached) {
    const pjson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    cached = { semVer: `v${pjson.version}`, gitCommit: process.env.HELMTS_GIT_COMMIT ?? '', gitTreeState: '' };
  }
  return cached;
}

/** `&version.Version{SemVer:"v0.1.0", GitCommit:"", GitTreeState:""}`, Helm 2's default format. */
export function formatGoVersion(v: VersionInfo): string {
  return `&version.Version{SemVer:"${v.semVer}", GitCommit:"${v.gitCommit}", GitTreeState:"${v.gitTreeState}"}`;
}
