/**
 * Helm 2.17.0's render errors (pkg/engine render): Go's template error on one line, prefixed
 * with the file, and nothing rewritten: `parse error in "FILE": template: FILE:LINE: MSG`,
 * `render error in "FILE": template: FILE:LINE:COL: executing "FILE" at <NODE>: MSG`.
 */
function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Go's %q for the messages' file names and tpl texts. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

export function formatHelm2ParseError(filename: string, err: unknown): string {
  return `parse error in ${goQuote(filename)}: ${messageOf(err)}`;
}

export function formatHelm2ExecError(filename: string, err: unknown): string {
  return `render error in ${goQuote(filename)}: ${messageOf(err)}`;
}

export function formatHelm2TplError(text: string, err: unknown): string {
  return `Error during tpl function execution for ${goQuote(text)}: ${messageOf(err)}`;
}
