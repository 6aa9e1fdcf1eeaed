/**
 * Helm's rewriting of Go template errors (engine.go cleanupParseError / reformatExecErrorMsg):
 * parse errors become `parse error at (FILE:LINE): MSG`; `required`/`fail` messages become
 * `execution error at (FILE:LINE:COL): MSG`; other execution errors become one block per template
 * in the error chain:
 *
 *     FILE:LINE:COL
 *       executing "NAME" at <NODE>:
 *         MESSAGE
 *
 * and when the innermost cause is a plain function error Helm prints Go's raw message.
 */
import { TemplateExecError } from '@helmts/gotemplate';

export const WARN_START = 'HELM_ERR_START';
export const WARN_END = 'HELM_ERR_END';
const WARN_PATTERN = new RegExp(`${WARN_START}([\\s\\S]*)${WARN_END}`);

export function warnWrap(message: string): string {
  return `${WARN_START}${message}${WARN_END}`;
}

/** Go's strings.SplitN(s, sep, n) */
function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

export function formatParseError(filename: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const tokens = message.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

interface Traceable {
  location: string;
  message: string;
  executedFunction: string;
}

function traceableToString(t: Traceable): string {
  let s = '';
  if (t.location !== '') s += `${t.location}\n  `;
  if (t.executedFunction !== '') s += `${t.executedFunction}\n    `;
  if (t.message !== '') s += `${t.message}\n`;
  return s;
}

function cutChained(msg: string): string {
  const cut = msg.indexOf(' template:');
  return cut >= 0 ? msg.slice(0, cut) : msg;
}

function parseTemplateErrorString(s: string): Traceable | undefined {
  const prefix = 'template: ';
  if (!s.startsWith(prefix)) return undefined;
  const remainder = s.slice(prefix.length);
  if (remainder.startsWith('no template ')) return { location: '', message: s, executedFunction: '' };
  const idx = remainder.indexOf(': executing ');
  if (idx >= 0) {
    const templateName = remainder.slice(0, idx);
    const after = remainder.slice(idx + ': executing '.length);
    if (after.length > 0 && after[0] === '"') {
      const endQuote = after.indexOf('"', 1);
      if (endQuote >= 0) {
        const functionName = after.slice(1, endQuote);
        const afterFunc = after.slice(endQuote + 1);
        if (afterFunc.startsWith(' at <')) {
          const afterAt = afterFunc.slice(' at <'.length);
          const endLoc = afterAt.indexOf('>: ');
          if (endLoc >= 0) {
            return {
              location: templateName,
              message: cutChained(afterAt.slice(endLoc + 3)),
              executedFunction: `executing "${functionName}" at <${afterAt.slice(0, endLoc)}>:`,
            };
          }
        }
      }
    }
    return undefined;
  }
  const sep = remainder.lastIndexOf(': ');
  if (sep >= 0)
    return { location: remainder.slice(0, sep), message: cutChained(remainder.slice(sep + 2)), executedFunction: '' };
  return undefined;
}

/** The messages of Go's error chain (errors.Unwrap) for an error raised during execution. */
function errorChain(err: unknown): string[] {
  const chain: string[] = [];
  let current: unknown = err;
  let depth = 0;
  while (current !== undefined && current !== null && depth++ < 100) {
    const message = current instanceof Error ? current.message : String(current);
    chain.push(message);
    if (current instanceof TemplateExecError) {
      // ExecError wraps an error with the same text (fmt.Errorf), which wraps the cause when there is one
      chain.push(message);
      current = current.cause;
    } else {
      current = current instanceof Error ? (current as Error & { cause?: unknown }).cause : undefined;
    }
  }
  return chain;
}

export function formatExecError(filename: string, err: unknown): string {
  if (!(err instanceof TemplateExecError)) {
    const message = err instanceof Error ? err.message : String(err);
    return message;
  }
  const message = err.message;
  const tokens = splitN(message, ': ', 3);
  if (tokens.length !== 3) return `execution error in (${filename}): ${message}`;
  const warned = WARN_PATTERN.exec(tokens[2]);
  if (warned) return `execution error at (${tokens[1]}): ${warned[1]}`;
  const blocks: Traceable[] = [];
  for (const m of errorChain(err)) {
    const t = parseTemplateErrorString(m);
    if (!t) return message;
    const last = blocks[blocks.length - 1];
    if (
      !last ||
      last.location !== t.location ||
      last.message !== t.message ||
      last.executedFunction !== t.executedFunction
    )
      blocks.push(t);
  }
  return blocks.map(traceableToString).join('').trim();
}
