// A release's status code, read and written the same way by the actions and by recovery.
import type { Release, ReleaseInput } from '@helmts/proto';

export function setStatus(rel: ReleaseInput | Release, code: string, description?: string): void {
  rel.info ??= {};
  rel.info.status = { ...(rel.info.status ?? {}), code: code as never };
  if (description !== undefined) rel.info.Description = description;
}

export function statusCode(rel: Release | ReleaseInput): string {
  return String(rel.info?.status?.code ?? 'UNKNOWN');
}
