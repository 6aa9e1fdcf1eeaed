/**
 * Liquid errors in Helm's shape, always with the file:line:col where it happened (inside a partial:
 * the partial's file):
 *   parse error at (FILE:LINE:COL): undefined filter: toYml
 *   execution error at (FILE:LINE:COL): undefined variable: Values.imag
 *   execution error at (FILE:LINE:COL): <required/fail message>
 */
import type { LiquidError } from 'liquidjs';
import { WARN_END, WARN_START } from '../gotpl/helm-error-format.js';

const WARN_PATTERN = new RegExp(`${WARN_START}([\\s\\S]*)${WARN_END}`);
const POSITION_SUFFIX = /(, file:[^\n]*?)?, line:\d+, col:\d+$/;

function isLiquidError(e: unknown): e is LiquidError {
  return (
    e instanceof Error &&
    typeof (e as { token?: unknown }).token === 'object' &&
    (e as { token?: unknown }).token !== null
  );
}

function causeOf(e: Error): unknown {
  return (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
}

/**
 * `fileOf` names the file a template source came from: liquidjs does not record the file of an
 * included partial's tokens, only their source text.
 */
export function formatLiquidError(
  templatePath: string,
  err: unknown,
  fileOf: (source: string) => string | undefined = () => undefined,
): string {
  const chain: unknown[] = [];
  for (
    let e: unknown = err;
    e !== undefined && e !== null && chain.length < 100;
    e = e instanceof Error ? causeOf(e) : undefined
  )
    chain.push(e);
  let located: LiquidError | undefined;
  let file = templatePath;
  for (const e of chain) {
    if (!isLiquidError(e)) continue;
    const known = e.token.file ?? fileOf(e.token.input);
    if (located === undefined || known !== undefined) {
      located = e;
      file = known ?? templatePath;
    }
  }
  const innermost = chain[chain.length - 1];
  let message = innermost instanceof Error ? innermost.message : String(innermost);
  if (isLiquidError(innermost)) message = message.replace(POSITION_SUFFIX, '');
  const warned = WARN_PATTERN.exec(message);
  if (warned) message = warned[1];
  const isParse = chain.some((e) => e instanceof Error && (e.name === 'ParseError' || e.name === 'TokenizationError'));
  const kind = isParse ? 'parse error' : 'execution error';
  if (!located) return `${kind} in (${templatePath}): ${message}`;
  const [line, col] = located.token.getPosition();
  return `${kind} at (${file}:${line}:${col}): ${message}`;
}
