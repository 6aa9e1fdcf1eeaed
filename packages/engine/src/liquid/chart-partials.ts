/**
 * The partials a liquid chart can `{% include %}`/`{% render %}`: `templates/_NAME.liquid` of the
 * chart itself first, then of its subcharts (so a library subchart's partials are usable by its
 * parent), nearest first. A name may carry a directory (`'helpers/labels'` is
 * `templates/helpers/_labels.liquid`) and may be given as the file name (`'_labels.liquid'`).
 * Served to liquidjs as an in-memory file system whose paths are the full template paths, so
 * errors inside a partial name the partial's file.
 */
import type { FS } from 'liquidjs';
import type { ChartTree } from '../chart-tree.js';

// a BOM left in a file is Helm 2's (its loader keeps them, and renders them): text, as in Go
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const MISSING = '\u0000missing:';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isPartial(templateName: string): boolean {
  return baseName(templateName).startsWith('_');
}

/** `<chart path>/templates` directories with their partial files (path → text), nearest first. */
function partialLayers(chart: ChartTree, chartPath: string): Array<{ dir: string; files: Map<string, string> }> {
  const layers: Array<{ dir: string; files: Map<string, string> }> = [];
  const queue: Array<[ChartTree, string]> = [[chart, chartPath]];
  while (queue.length > 0) {
    const [c, p] = queue.shift()!;
    const files = new Map<string, string>();
    for (const t of c.templates) if (isPartial(t.name)) files.set(`${p}/${t.name}`, utf8.decode(t.data));
    layers.push({ dir: `${p}/templates`, files });
    for (const dep of c.dependencies) queue.push([dep, `${p}/charts/${dep.metadata.name}`]);
  }
  return layers;
}

export class ChartPartials implements FS {
  readonly sep = '/';
  private readonly layers: Array<{ dir: string; files: Map<string, string> }>;
  private readonly all = new Map<string, string>();

  constructor(chart: ChartTree, chartPath: string) {
    this.layers = partialLayers(chart, chartPath);
    for (const layer of this.layers) for (const [k, v] of layer.files) this.all.set(k, v);
  }

  /** The partial whose text this is (the first one, should two partials be identical). */
  fileOf(source: string): string | undefined {
    for (const [path, text] of this.all) if (text === source) return path;
    return undefined;
  }

  /** The partial's full path for an include name, or undefined. */
  find(name: string): string | undefined {
    const slash = name.lastIndexOf('/');
    const dir = slash >= 0 ? `/${name.slice(0, slash)}` : '';
    const base = name.slice(slash + 1);
    const bare = base.startsWith('_') ? base.slice(1) : base;
    const candidates = [`_${bare}.liquid`, `_${bare}`];
    for (const layer of this.layers) {
      for (const c of candidates) {
        const path = `${layer.dir}${dir}/${c}`;
        if (layer.files.has(path)) return path;
      }
    }
    return undefined;
  }

  resolve(_dir: string, file: string, _ext: string): string {
    if (this.all.has(file)) return file;
    return this.find(file) ?? `${MISSING}${file}`;
  }

  existsSync(filepath: string): boolean {
    return this.all.has(filepath);
  }

  async exists(filepath: string): Promise<boolean> {
    return this.existsSync(filepath);
  }

  readFileSync(filepath: string): string {
    const text = this.all.get(filepath);
    if (text === undefined) throw new Error(`no partial ${JSON.stringify(filepath.replace(MISSING, ''))}`);
    return text;
  }

  async readFile(filepath: string): Promise<string> {
    return this.readFileSync(filepath);
  }

  containsSync(): boolean {
    return true;
  }

  async contains(): Promise<boolean> {
    return true;
  }

  dirname(filepath: string): string {
    return filepath.slice(0, Math.max(0, filepath.lastIndexOf('/')));
  }
}
