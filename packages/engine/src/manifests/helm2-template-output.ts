/**
 * Helm 2.17.0's `helm template` output: one `---\n# Source: FILE\n` header per rendered template
 * file, then the file's text untouched and a newline (fmt.Println), empty files included. Files are
 * sorted by the kind of the first `kind:` anywhere in their text (manifest.SplitManifests) in
 * Helm 2's install order, ties and unknown kinds by file path; hooks stay in place.
 */
import { sortByKindThenName, HELM2_INSTALL_ORDER } from './kind-order.js';
import { goPathMatch } from '../go-path-match.js';

export interface Helm2File {
  name: string;
  content: string;
  kind: string;
}

const KIND = /kind:(.*)\n/;

/** The kind manifest.SplitManifests reads: `kind:(.*)\n`'s first match, trimmed, else `Unknown`. */
export function helm2FileKind(content: string): string {
  const m = KIND.exec(content);
  return m ? m[1].trim() : 'Unknown';
}

export interface Helm2TemplateOptions {
  /** -x/--execute: template paths relative to the chart (`templates/x.yaml`) */
  execute?: string[];
  /** --notes: print NOTES.txt files too */
  notes?: boolean;
  /** the chart's directory: Helm 2's "could not find" error names the absolute path */
  chartDir?: string;
}

export class Helm2TemplateNotFoundError extends Error {}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The files `helm template` prints, in its order (before the NOTES.txt filter). */
export function helm2TemplateFiles(files: Map<string, string>, options: Helm2TemplateOptions = {}): Helm2File[] {
  const all: Helm2File[] = [];
  for (const [name, content] of files) all.push({ name, content, kind: helm2FileKind(content) });
  let picked = all;
  if (options.execute && options.execute.length > 0) {
    picked = [];
    for (const raw of options.execute) {
      const pattern = raw.replace(/\\/g, '/').replace(/^\.\//, '');
      let missing = true;
      for (const f of all) {
        const relative = f.name.slice(f.name.indexOf('/') + 1);
        if (!goPathMatch(pattern, relative)) continue;
        picked.push(f);
        missing = false;
      }
      if (missing) {
        const shown = options.chartDir && !raw.startsWith('/') ? `${options.chartDir}/${pattern}` : raw;
        throw new Helm2TemplateNotFoundError(`could not find template ${shown} in chart`);
      }
    }
  }
  return sortByKindThenName(
    picked,
    (f) => f.kind,
    (f) => f.name,
    HELM2_INSTALL_ORDER,
  ).filter((f) => (options.notes || baseName(f.name) !== 'NOTES.txt') && !baseName(f.name).startsWith('_'));
}

export function formatHelm2TemplateOutput(files: Map<string, string>, options: Helm2TemplateOptions = {}): string {
  let out = '';
  for (const f of helm2TemplateFiles(files, options)) out += `---\n# Source: ${f.name}\n${f.content}\n`;
  return out;
}
