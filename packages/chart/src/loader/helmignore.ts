import { BadPatternError, compileGoPattern, goPathMatch } from './go-path-match.js';

/** A `.helmignore` problem; the message is Helm's. */
export class HelmIgnoreError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'HelmIgnoreError';
  }
}

interface Rule {
  raw: string;
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

/**
 * Helm's .helmignore rules. Patterns are Go globs; a pattern with a leading `/` or an inner
 * `/` matches the whole chart-relative path, otherwise the base name; a trailing `/` only
 * matches directories. `!pattern` does not un-ignore: it ignores everything that does not
 * match (Helm's behaviour).
 */
export class HelmIgnoreRules {
  private readonly rules: Rule[] = [];

  static parse(text: string): HelmIgnoreRules {
    const rules = new HelmIgnoreRules();
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((line, i) => {
      try {
        rules.add(line);
      } catch (e) {
        throw new HelmIgnoreError(`.helmignore line ${i + 1}: ${(e as Error).message}`, i + 1);
      }
    });
    return rules;
  }

  /** The rule every chart directory gets: hidden files under templates/ are never loaded. */
  addDefaults(): void {
    this.add('templates/.?*');
  }

  add(line: string): void {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return;
    if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
    try {
      compileGoPattern(rule);
    } catch (e) {
      if (e instanceof BadPatternError) throw e;
      throw new BadPatternError();
    }
    const raw = rule;
    let negate = false;
    let mustDir = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    let match: (path: string) => boolean;
    const safe = (pattern: string, name: string) => {
      try {
        return goPathMatch(pattern, name);
      } catch {
        return false;
      }
    };
    if (rule.startsWith('/')) {
      const pattern = rule.slice(1);
      match = (p) => safe(pattern, p);
    } else if (rule.includes('/')) {
      const pattern = rule;
      match = (p) => safe(pattern, p);
    } else {
      const pattern = rule;
      match = (p) => safe(pattern, p.slice(p.lastIndexOf('/') + 1));
    }
    this.rules.push({ raw, negate, mustDir, match });
  }

  ignores(path: string, isDir: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const r of this.rules) {
      if (r.negate) {
        if (r.mustDir && !isDir) return true;
        if (!r.match(path)) return true;
        continue;
      }
      if (r.mustDir && !isDir) continue;
      if (r.match(path)) return true;
    }
    return false;
  }
}
