import { renderTable } from '@helmts/core';
import type { Info } from '@helmts/proto';

import { formatAnsic, timestampToDate } from './go-time.js';

export interface StatusView {
  name: string;
  namespace: string;
  info: Info | null;
}

/** Runs of two or more spaces inside Tiller's resource listing become table columns again (as Helm 2). */
function retabulate(resources: string): string {
  return resources
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, '\t'))
    .join('\n');
}

/** Helm 2's status block for install, upgrade and status (table output). */
export function formatStatusBlock(view: StatusView, options: { showNotes?: boolean } = {}): string {
  const info = view.info;
  const lines: string[] = [];
  const deployed = timestampToDate(info?.last_deployed);
  if (deployed) lines.push(`LAST DEPLOYED: ${formatAnsic(deployed)}`);
  lines.push(`NAMESPACE: ${view.namespace}`);
  lines.push(`STATUS: ${info?.status?.code ?? 'UNKNOWN'}`);
  lines.push('');
  const resources = info?.status?.resources;
  if (resources) {
    lines.push('RESOURCES:');
    lines.push(retabulate(resources.trimEnd()));
    lines.push('');
  }
  const suite = info?.status?.last_test_suite_run;
  if (suite && suite.results.length > 0) {
    lines.push('TEST SUITE:');
    const started = timestampToDate(suite.started_at);
    const completed = timestampToDate(suite.completed_at);
    lines.push(`Last Started: ${started ? formatAnsic(started) : ''}`);
    lines.push(`Last Completed: ${completed ? formatAnsic(completed) : ''}`);
    lines.push('');
    const rows = suite.results.map((r) => {
      const s = timestampToDate(r.started_at);
      const c = timestampToDate(r.completed_at);
      return [r.name, String(r.status), r.info, s ? formatAnsic(s) : '', c ? formatAnsic(c) : ''];
    });
    lines.push(renderTable(['TEST', 'STATUS', 'INFO', 'STARTED', 'COMPLETED'], rows).trimEnd());
    lines.push('');
  }
  const notes = info?.status?.notes;
  if (options.showNotes !== false && notes) {
    lines.push('NOTES:');
    lines.push(notes.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
