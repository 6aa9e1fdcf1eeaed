// The audit log: one JSON line per release operation — who, from where, what, which release and
// revision, and how it ended — on stdout and/or appended to a file.
import { appendFileSync } from 'node:fs';

export interface AuditEntry {
  /** the RPC, e.g. InstallRelease */
  method: string;
  user: string;
  groups: string[];
  /** certificate | token | none */
  via: string;
  /** the client's address */
  peer: string;
  release?: string;
  namespace?: string;
  revision?: number;
  /** success | denied | failure */
  result: 'success' | 'denied' | 'failure';
  /** gRPC status code name when not OK */
  code?: string;
  error?: string;
}

export interface AuditSink {
  write(entry: AuditEntry): void;
}

export interface AuditLogOptions {
  /** write the lines to stdout */
  stdout?: boolean;
  /** append the lines to this file (created 0600) */
  file?: string;
  /** also hand each line to this function (tests, embedding) */
  onLine?: (line: string) => void;
}

export function auditLog(options: AuditLogOptions): AuditSink {
  return {
    write(entry) {
      const line = JSON.stringify({ time: new Date().toISOString(), audit: 'tiller', ...entry }) + '\n';
      if (options.stdout) process.stdout.write(line);
      // synchronous, so a line is on disk before the client hears the answer
      if (options.file) appendFileSync(options.file, line, { mode: 0o600 });
      options.onLine?.(line);
    },
  };
}
