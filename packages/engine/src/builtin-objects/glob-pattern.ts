/**
 * Glob patterns as .Files.Glob reads them (gobwas/glob with '/' as separator): `*` and `?` stay
 * within a path segment, `**` crosses segments, `[abc]`/`[a-z]`/`[!x]` classes, `{a,b}`
 * alternatives, `\` escapes. A pattern that does not compile matches every path, as in Helm.
 */
function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

class GlobSyntaxError extends Error {}

function compile(pattern: string): string {
  let i = 0;
  const parse = (inBraces: boolean): string => {
    let out = '';
    while (i < pattern.length) {
      const c = pattern[i];
      if (inBraces && (c === ',' || c === '}')) return out;
      i++;
      switch (c) {
        case '\\':
          if (i >= pattern.length) throw new GlobSyntaxError('unexpected end of pattern');
          out += escapeRegex(pattern[i++]);
          break;
        case '*':
          if (pattern[i] === '*') {
            i++;
            out += '.*';
          } else {
            out += '[^/]*';
          }
          break;
        case '?':
          out += '[^/]';
          break;
        case '[': {
          const end = pattern.indexOf(']', i);
          if (end < 0) throw new GlobSyntaxError('unclosed [');
          let body = pattern.slice(i, end);
          i = end + 1;
          let negate = false;
          if (body.startsWith('!')) {
            negate = true;
            body = body.slice(1);
          }
          if (body === '') throw new GlobSyntaxError('empty class');
          const cls = body.replace(/[\\\]^]/g, (m) => `\\${m}`);
          out += negate ? `[^${cls}]` : `[${cls}]`;
          break;
        }
        case '{': {
          const alternatives: string[] = [];
          for (;;) {
            alternatives.push(parse(true));
            if (i >= pattern.length) throw new GlobSyntaxError('unclosed {');
            if (pattern[i++] === '}') break;
          }
          out += `(?:${alternatives.join('|')})`;
          break;
        }
        default:
          out += escapeRegex(c);
      }
    }
    if (inBraces) throw new GlobSyntaxError('unclosed {');
    return out;
  };
  return parse(false);
}

export function compileGlob(pattern: string): (path: string) => boolean {
  let source: string;
  try {
    source = compile(pattern);
  } catch (e) {
    if (e instanceof GlobSyntaxError) return () => true;
    throw e;
  }
  const re = new RegExp(`^${source}$`, 's');
  return (path) => re.test(path);
}
