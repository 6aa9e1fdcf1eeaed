import { renderTable } from '@helmts/core';
import type { Info } from '@helmts/proto';

import { formatAnsic, timestampToDate } from './go-time.js';
import { tabwrite } from './go-tabwriter.js';

export interface StatusView {
  name: string;
  namespace: string;
  info: Info | null;
}

/**
 * Tiller's resource listing as Helm 2's client prints it: runs of two or more spaces become cells
 * again (the real Tiller pads with spaces, ours separates with tabs) and a tabwriter aligns them.
 */
function resourcesBlock(resources: string): string {
  const cells = resources.replace(/ {2,}/g, '\t');
  return tabwrite(`RESOURCES:\n${cells}\n`, { minwidth: 0, padding: 2, tabIndent: true });
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
  if (resources) lines.push(resourcesBlock(resources).slice(0, -1));
  const suite = info?.status?.last_test_suite_run;
  // Helm 2 prints the block for any recorded run, also one that found no tests (the header alone)
  if (suite) {
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
    // the table's own newline ends it: NOTES follow without a blank line
    lines.push(renderTable(['TEST', 'STATUS', 'INFO', 'STARTED', 'COMPLETED'], rows, { maxColWidth: 50 }).trimEnd());
  }
  const notes = info?.status?.notes;
  if (options.showNotes !== false && notes) {
    // Helm 2: fmt.Fprintf(out, "NOTES:\n%s\n", notes), the notes' own newline kept
    lines.push('NOTES:');
    lines.push(notes);
  }
  return `${lines.join('\n')}\n`;
}
