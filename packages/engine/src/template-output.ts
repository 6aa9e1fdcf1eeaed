/**
 * `helm template` output (Helm 4): the release manifest (`---\n# Source: PATH\nDOC\n` per
 * kind-sorted document, CRDs first with --include-crds) trimmed plus a newline, then every hook
 * the same way; --show-only picks documents by template path.
 */
import type { RenderedChart } from './manifests/rendered-chart.js';
import type { Hook } from './manifests/sort-manifests.js';
import { splitManifests, goTrimSpace } from './manifests/split-manifests.js';
import { goPathMatch } from './go-path-match.js';

export interface CrdFile {
  /** `<chart path>/crds/<file>` */
  filename: string;
  content: string;
}

export interface TemplateOutputOptions {
  includeCrds?: boolean;
  crds?: CrdFile[];
  skipTests?: boolean;
  noHooks?: boolean;
  /** --show-only patterns, matched against paths relative to the chart (`templates/x.yaml`) */
  showOnly?: string[];
  /** Helm 2's --notes: print the rendered NOTES.txt as well */
  notes?: boolean;
  /** path printed for NOTES.txt */
  notesPath?: string;
}

export class ShowOnlyError extends Error {}

export function isTestHook(h: Hook): boolean {
  return h.events.includes('test');
}

/** The release manifest as Helm stores it. */
export function releaseManifest(
  rendered: RenderedChart,
  options: Pick<TemplateOutputOptions, 'includeCrds' | 'crds'> = {},
): string {
  let b = '';
  if (options.includeCrds)
    for (const crd of options.crds ?? []) b += `---\n# Source: ${crd.filename}\n${crd.content}\n`;
  for (const m of rendered.manifests) b += `---\n# Source: ${m.name}\n${m.content}\n`;
  return b;
}

export function formatTemplateOutput(rendered: RenderedChart, options: TemplateOutputOptions = {}): string {
  let out = `${goTrimSpace(releaseManifest(rendered, options))}\n`;
  if (!options.noHooks) {
    for (const h of rendered.hooks) {
      if (options.skipTests && isTestHook(h)) continue;
      out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
    }
  }
  if (options.notes && goTrimSpace(rendered.notes) !== '') {
    out += `---\n# Source: ${options.notesPath ?? 'NOTES.txt'}\n${rendered.notes}\n`;
  }
  if (options.showOnly && options.showOnly.length > 0) {
    const docs = splitManifests(out);
    const picked: string[] = [];
    for (const raw of options.showOnly) {
      const pattern = raw.replace(/\\/g, '/');
      let missing = true;
      for (const doc of docs) {
        const m = /# Source: [^/]+\/(.+)/.exec(doc);
        if (!m) continue;
        if (!goPathMatch(pattern, m[1])) continue;
        picked.push(doc);
        missing = false;
      }
      if (missing) throw new ShowOnlyError(`could not find template ${raw} in chart`);
    }
    return picked.map((d) => `---\n${d}\n`).join('');
  }
  return out;
}
