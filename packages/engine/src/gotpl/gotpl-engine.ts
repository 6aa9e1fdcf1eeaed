/**
 * The `gotpl` engine: Go text/template + Sprig + Helm's functions, rendering like Helm's
 * engine.Render: one template set holding every template of the (gotpl) charts, parsed deepest
 * path first so parent definitions win, `missingkey=zero`, partials (`_*`) not executed, and every
 * `<no value>` removed from the output.
 */
import { TemplateSet, GoError, defineGoFunc, type FuncMap } from '@helmts/gotemplate';
import { eagerSprigFuncs, LAZY_SPRIG_GROUPS, type LazySprigGroup } from '@helmts/sprig/lazy';
import type { Engine, EngineDialect, EngineRenderOptions, RenderedTemplates } from '../engine.js';
import { RenderError } from '../engine.js';
import { helm3Functions } from '../dialects/helm3-functions.js';

const RECURSION_MAX = 1000;

/**
 * Functions whose result is not fixed by their arguments (random, clock, network, cluster reads) or
 * that change the values they are given (`set`, `unset`, `merge*`), and the ones that run code not
 * known at parse time (`tpl`, `call`). While no template calls one, the same `include` of the same
 * data object, or the same `toYaml` of the same object, gives the same text, and is reused.
 */
const NOT_REPEATABLE = new Set([
  'now',
  'ago',
  'uuidv4',
  'shuffle',
  'randAlpha',
  'randAlphaNum',
  'randAscii',
  'randBytes',
  'randInt',
  'randNumeric',
  'genCA',
  'genCAWithKey',
  'genPrivateKey',
  'genSelfSignedCert',
  'genSelfSignedCertWithKey',
  'genSignedCert',
  'genSignedCertWithKey',
  'buildCustomCert',
  'encryptAES',
  'htpasswd',
  'bcrypt',
  'derivePassword',
  'getHostByName',
  'env',
  'expandenv',
  'lookup',
  'set',
  'unset',
  'merge',
  'mergeOverwrite',
  'mustMerge',
  'mustMergeOverwrite',
  'tpl',
  'call',
]);

/** The YAML writers whose text is reused per object while rendering is repeatable. */
const YAML_WRITERS = ['toYaml', 'mustToYaml', 'toYamlPretty'];

interface TemplateEntry {
  path: string;
  text: string;
  objects: Record<string, unknown>;
  basePath: string;
}

function depth(path: string): number {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
}

/** Helm's sortTemplates: deeper paths first; equal depth in reverse lexicographic order. */
export function helmTemplateOrder(paths: string[]): string[] {
  return [...paths].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

// a BOM left in a file is Helm 2's (its loader keeps them, and renders them): text, as in Go
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Stands in for a lazily loaded Sprig function until its group is loaded (before any execution). */
function notLoaded(name: string): FuncMap[string] {
  return () => {
    throw new Error(`internal error: Sprig function ${name} used before it was loaded`);
  };
}

function isIdentifierChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

/** Whether `name` occurs in `text` as a whole word. */
function mentions(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at > 0 && isIdentifierChar(text.charCodeAt(at - 1))) continue;
    const end = at + name.length;
    if (end < text.length && isIdentifierChar(text.charCodeAt(end))) continue;
    return true;
  }
  return false;
}

/**
 * The lazily loaded Sprig groups these templates may call: every group one of whose names occurs as
 * a word in a template (a superset of the functions called), all of them if `tpl` occurs (it runs
 * text from values).
 */
function groupsUsedBy(texts: string[], pending: readonly LazySprigGroup[]): LazySprigGroup[] {
  if (pending.length === 0) return [];
  if (texts.some((t) => mentions(t, 'tpl'))) return [...pending];
  return pending.filter((g) => g.names.some((name) => texts.some((t) => mentions(t, name))));
}

export class GotplEngine implements Engine {
  readonly name = 'gotpl';
  private readonly baseFuncs: FuncMap;
  private readonly extraNames: Set<string>;
  /** Sprig groups not loaded yet; their names are bound to notLoaded placeholders */
  private pendingGroups: readonly LazySprigGroup[];

  constructor(extraFuncs: FuncMap = {}) {
    const sprig: FuncMap = { ...(eagerSprigFuncs() as FuncMap) };
    for (const group of LAZY_SPRIG_GROUPS) for (const name of group.names) sprig[name] = notLoaded(name);
    delete sprig.env;
    delete sprig.expandenv;
    this.baseFuncs = { ...sprig, ...extraFuncs };
    this.extraNames = new Set(Object.keys(extraFuncs));
    this.pendingGroups = LAZY_SPRIG_GROUPS;
  }

  /**
   * Renders synchronously when every Sprig function the templates may call is loaded; otherwise
   * loads those first (the heavier Sprig groups are imported on first use, for start-up time).
   */
  render(options: EngineRenderOptions): RenderedTemplates | Promise<RenderedTemplates> {
    const entries = new Map<string, TemplateEntry>();
    for (const scope of options.scopes) {
      const isLibrary = (scope.chart.metadata.type ?? '').toLowerCase() === 'library';
      for (const t of scope.chart.templates) {
        if (isLibrary && !baseName(t.name).startsWith('_')) continue;
        const path = `${scope.path}/${t.name}`;
        entries.set(path, {
          path,
          text: utf8.decode(t.data),
          objects: scope.objects,
          basePath: `${scope.path}/templates`,
        });
      }
    }
    const needed = groupsUsedBy(
      [...entries.values()].map((e) => e.text),
      this.pendingGroups,
    );
    if (needed.length === 0) return this.renderEntries(options, entries);
    return this.loadGroups(needed).then(() => this.renderEntries(options, entries));
  }

  private async loadGroups(groups: LazySprigGroup[]): Promise<void> {
    const loaded = await Promise.all(groups.map((g) => g.load()));
    for (const funcs of loaded) {
      for (const [name, fn] of Object.entries(funcs as FuncMap))
        if (!this.extraNames.has(name)) this.baseFuncs[name] = fn;
    }
    this.pendingGroups = this.pendingGroups.filter((g) => !groups.includes(g));
  }

  /** Whether no parsed template calls a function that could give another result a second time. */
  private isRepeatable(set: TemplateSet): boolean {
    for (const name of set.calledFunctions) if (NOT_REPEATABLE.has(name) || this.extraNames.has(name)) return false;
    return true;
  }

  private renderEntries(options: EngineRenderOptions, entries: Map<string, TemplateEntry>): RenderedTemplates {
    const limits = options.limits ?? {};
    const dialect: EngineDialect = options.dialect ?? helm3Functions;
    const errors = dialect.errors;
    const set = new TemplateSet({
      missingKey: options.strict ? 'error' : 'zero',
      funcs: this.baseFuncs,
      maxDepth: limits.maxDepth ?? 100000,
      maxOutputBytes: limits.maxOutputBytes,
      maxRangeIterations: limits.maxRangeIterations,
    });
    for (const name of dialect.absentFuncs ?? []) set.funcs.delete(name);
    set.addFuncs(dialect.helmFuncs({ lintMode: options.lintMode, lookup: options.lookup, warn: options.warn }));
    const nesting: Nesting = {
      includedNames: new Map(),
      tplDepth: 0,
      maxNesting: limits.maxDepth ?? RECURSION_MAX,
      errors,
      tplName: dialect.tplTemplateName ?? (() => 'gotpl'),
      includes: null,
    };
    bindTemplateFuncs(set, nesting, new Map());

    const order = helmTemplateOrder([...entries.keys()]);
    for (const path of order) {
      try {
        set.parse(path, entries.get(path)!.text);
      } catch (e) {
        throw new RenderError(errors.parse(path, e), path);
      }
    }
    if (!options.lintMode && this.isRepeatable(set)) {
      nesting.includes = new WeakMap();
      reuseYaml(set);
    }

    const rendered: RenderedTemplates = new Map();
    for (const path of order) {
      if (baseName(path).startsWith('_')) continue;
      const entry = entries.get(path)!;
      const data = { ...entry.objects, Template: { Name: path, BasePath: entry.basePath } };
      let out: string;
      try {
        out = set.execute(path, data);
      } catch (e) {
        if (e instanceof GoError || e instanceof Error) throw new RenderError(errors.exec(path, e), path);
        throw e;
      }
      rendered.set(path, out.includes('<no value>') ? out.split('<no value>').join('') : out);
    }
    return rendered;
  }
}

/**
 * `include` and `tpl` close over the template set they run in. `tpl` runs its text in a copy of the
 * set (so its defines do not leak) and caches the parsed copy by text.
 */
interface Nesting {
  /** include depth per template name */
  includedNames: Map<string, number>;
  /** tpl runs in its own set, whose template depth starts at 0: nested tpl calls are counted here */
  tplDepth: number;
  maxNesting: number;
  /** the dialect's texts for tpl failures */
  errors: EngineDialect['errors'];
  /** the name tpl parses its text under (the dialect's) */
  tplName: (text: string, vals: unknown) => string;
  /** the text of each include by data object and template name, while rendering is repeatable */
  includes: WeakMap<object, Map<string, string>> | null;
}

function isObject(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** Wraps the set's YAML writers so each object is written once (see NOT_REPEATABLE). */
function reuseYaml(set: TemplateSet): void {
  for (const name of YAML_WRITERS) {
    const write = set.funcs.get(name);
    if (!write) continue;
    const written = new WeakMap<object, unknown>();
    const reusing = (v: unknown): unknown => {
      if (!isObject(v)) return write(v);
      if (written.has(v)) return written.get(v);
      const text = write(v);
      written.set(v, text);
      return text;
    };
    set.addFuncs({ [name]: defineGoFunc(reusing, write.goArity ?? { params: 1 }) });
  }
}

function bindTemplateFuncs(set: TemplateSet, nesting: Nesting, tplCache: Map<string, TemplateSet>): void {
  const { includedNames, maxNesting } = nesting;
  set.addFuncs({
    include: defineGoFunc(
      (name: string, data: unknown) => {
        const count = includedNames.get(name) ?? 0;
        if (count > maxNesting) {
          throw new Error(`rendering template has a nested reference name: ${name}: unable to execute template`);
        }
        if (!set.lookup(name))
          throw new GoError(`template: no template ${JSON.stringify(name)} associated with template "gotpl"`);
        const byName = nesting.includes && isObject(data) ? nesting.includes.get(data) : undefined;
        const reused = byName?.get(name);
        if (reused !== undefined) return reused;
        includedNames.set(name, count + 1);
        try {
          const text = set.execute(name, data);
          if (nesting.includes && isObject(data)) {
            if (byName) byName.set(name, text);
            else nesting.includes.set(data, new Map([[name, text]]));
          }
          return text;
        } finally {
          includedNames.set(name, (includedNames.get(name) ?? 1) - 1);
        }
      },
      { params: 2, types: ['string', 'interface {}'] },
    ),
    tpl: defineGoFunc(
      (text: string, vals: unknown) => {
        const name = nesting.tplName(text, vals);
        const key = name === 'gotpl' ? text : `${name}\n${text}`;
        let tplSet = tplCache.get(key);
        if (!tplSet) {
          tplSet = set.clone();
          bindTemplateFuncs(tplSet, nesting, new Map());
          try {
            tplSet.parse(name, text);
          } catch (e) {
            throw new Error(nesting.errors.tplParse(text, e, name), { cause: e });
          }
          tplCache.set(key, tplSet);
        }
        if (nesting.tplDepth >= maxNesting) throw new Error(`tpl calls nest deeper than ${maxNesting}`);
        let out: string;
        nesting.tplDepth++;
        try {
          out = tplSet.execute(name, vals);
        } catch (e) {
          throw new Error(nesting.errors.tplExec(text, e, name), { cause: e });
        } finally {
          nesting.tplDepth--;
        }
        return out.includes('<no value>') ? out.split('<no value>').join('') : out;
      },
      { params: 2, types: ['string', 'interface {}'] },
    ),
  });
}
