/**
 * Helm 2.17.0's render errors (pkg/engine render): Go's template error on one line, prefixed
 * with the file, and nothing rewritten: `parse error in "FILE": template: FILE:LINE: MSG`,
 * `render error in "FILE": template: FILE:LINE:COL: executing "FILE" at <NODE>: MSG`.
 */
import { getKey, hasKey, isTable, type ValuesTable } from '@helmts/chart';

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

/**
 * Helm 2's tpl renders its text as a template of its own, named as the calling template, and
 * wraps what that render says (`parse error in "NAME": ...`, `render error in "NAME": ...`).
 */
export function formatHelm2TplParseError(text: string, err: unknown, name: string): string {
  return `Error during tpl function execution for ${goQuote(text)}: ${formatHelm2ParseError(name, err)}`;
}

export function formatHelm2TplExecError(text: string, err: unknown, name: string): string {
  return `Error during tpl function execution for ${goQuote(text)}: ${formatHelm2ExecError(name, err)}`;
}

/**
 * The name Helm 2's tpl renders its text under: the data's `Template.Name`, read (as
 * `Template.BasePath` before it) with chartutil's PathValue, whose failures Helm 2 reports as they
 * are: `tpl "x" .Values` fails there, having no `.Template`.
 */
export function helm2TplTemplateName(text: string, vals: unknown): string {
  const read = (key: string, what: string): unknown => {
    const table = isTable(vals) ? getKey(vals, 'Template') : undefined;
    let problem: string | undefined;
    if (!isTable(table)) problem = `${key} is not a value`;
    else if (!hasKey(table, key) || isTable(getKey(table, key))) problem = `key not found: ${key}`;
    if (problem !== undefined)
      throw new Error(`Cannot retrieve Template.${what} from values inside tpl function: ${text} (${problem})`);
    return getKey(table as ValuesTable, key);
  };
  read('BasePath', 'Basepath');
  return String(read('Name', 'Name'));
}
