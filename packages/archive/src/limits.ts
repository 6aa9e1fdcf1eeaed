/** Size bounds for expanded content. */
export interface ArchiveLimits {
  maxTotalBytes: number;
  maxFileBytes: number;
}

/**
 * One budget that several reads draw from (an archive and every archive nested in it), so
 * nested archives cannot multiply the total.
 */
export class SizeBudget {
  remaining: number;
  constructor(readonly limits: ArchiveLimits) {
    this.remaining = limits.maxTotalBytes;
  }
}
