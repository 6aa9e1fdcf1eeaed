/** NOTES.txt extraction and the dialect's manifest sorting over rendered files. */
import type { RenderedTemplates } from '../engine.js';
import type { RenderedChart } from './rendered-chart.js';
import type { SortedManifests } from './sort-manifests.js';

const NOTES_SUFFIX = 'NOTES.txt';

export function extractNotes(
  files: RenderedTemplates,
  chartName: string,
  subchartNotes: boolean,
  sort: (files: Map<string, string>) => SortedManifests,
): RenderedChart {
  const rootNotes = `${chartName}/templates/${NOTES_SUFFIX}`;
  const notesParts: string[] = [];
  const manifestFiles = new Map<string, string>();
  for (const [path, text] of files) {
    if (path.endsWith(NOTES_SUFFIX)) {
      if (subchartNotes || path === rootNotes) notesParts.push(text);
      continue;
    }
    manifestFiles.set(path, text);
  }
  const { hooks, manifests } = sort(manifestFiles);
  return { files, notes: notesParts.join('\n'), hooks, manifests };
}
