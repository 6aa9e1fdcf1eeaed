import { RepoError } from '../errors.js';

/** A chart's provenance could not be made or does not check out; the message is Helm 2's. */
export class ProvenanceError extends RepoError {}

const GO_ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

/** A failed file operation in Go's words (`open PATH: no such file or directory`), as Helm 2 reports it. */
export function goPathError(op: string, path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return `${op} ${path}: ${GO_ERRNO_TEXT[code] ?? (error as Error).message}`;
}
