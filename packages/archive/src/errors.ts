/** Bytes that are not a well-formed gzip or tar stream. */
export class ArchiveFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveFormatError';
  }
}

/** An archive that expands past the size allowed for it (a whole-archive or a per-file bound). */
export class ArchiveSizeError extends Error {
  constructor(
    message: string,
    readonly limit: 'total' | 'file',
    readonly maxBytes: number,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ArchiveSizeError';
  }
}

/** An archive that would write outside its target directory, or holds entries that are not extracted. */
export class UnsafeArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeArchiveError';
  }
}
