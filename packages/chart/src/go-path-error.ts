/** What Go's os.PathError prints for the errno values file operations on charts meet. */
const GO_ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
};

/** A failed file operation in Go's words (`stat PATH: no such file or directory`), as Helm reports it. */
export function goPathError(op: string, path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return `${op} ${path}: ${GO_ERRNO_TEXT[code] ?? (error as Error).message}`;
}
