import type { Release } from '@helmts/proto';

import { formatAnsic, timestampToDate } from './go-time.js';

export function chartLabel(release: Release): string {
  const m = release.chart?.metadata;
  return m ? `${m.name}-${m.version}` : 'MISSING';
}

function appVersion(release: Release): string {
  return release.chart?.metadata?.appVersion ?? '';
}

function updatedAt(release: Release): string {
  const date = timestampToDate(release.info?.last_deployed);
  return date ? formatAnsic(date) : '-';
}

function statusName(release: Release): string {
  return String(release.info?.status?.code ?? 'UNKNOWN');
}

/** `helm list` columns. */
export const LIST_HEADERS = ['NAME', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'NAMESPACE'];
export function listRow(r: Release): string[] {
  return [r.name, String(r.version), updatedAt(r), statusName(r), chartLabel(r), appVersion(r), r.namespace];
}

/** `helm list -o json|yaml` entries. */
export function listEntry(r: Release) {
  return {
    name: r.name,
    revision: r.version,
    updated: updatedAt(r),
    status: statusName(r),
    chart: chartLabel(r),
    appVersion: appVersion(r),
    namespace: r.namespace,
  };
}

/** `helm history` columns, oldest first. */
export const HISTORY_HEADERS = ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'];
export function historyEntry(r: Release) {
  return {
    revision: r.version,
    updated: updatedAt(r),
    status: statusName(r),
    chart: chartLabel(r),
    appVersion: appVersion(r),
    description: r.info?.Description ?? '',
  };
}
export function historyRow(r: Release): string[] {
  const e = historyEntry(r);
  return [String(e.revision), e.updated, e.status, e.chart, e.appVersion, e.description];
}
