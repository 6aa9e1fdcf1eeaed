/** A rendered chart as the pipeline hands it on: files, NOTES, hooks and kind-sorted manifests. */
import type { RenderedTemplates } from '../engine.js';
import type { Hook, Manifest } from './sort-manifests.js';

export interface RenderedChart {
  /** every rendered file, NOTES.txt included (partials excluded) */
  files: RenderedTemplates;
  notes: string;
  hooks: Hook[];
  manifests: Manifest[];
}
