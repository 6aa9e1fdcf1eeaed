/** Errors carrying Go's exact message text. */

/** Base class: `message` is exactly what Go's error.Error() would return. */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoError';
  }
}

/** `template: NAME:LINE: MESSAGE` */
export class TemplateParseError extends GoError {
  constructor(
    /** name of the file/top-level template being parsed (Go's ParseName) */
    readonly templateName: string,
    readonly line: number,
    /** the message without the `template: NAME:LINE: ` prefix */
    readonly detail: string,
  ) {
    super(`template: ${templateName}:${line}: ${detail}`);
    this.name = 'TemplateParseError';
  }
}

/**
 * `template: FILE:LINE:COL: executing "NAME" at <CONTEXT>: MESSAGE`
 * or, without a node, `template: NAME: MESSAGE`.
 */
export class TemplateExecError extends GoError {
  constructor(
    /** the template being executed (a define name or the file name) */
    readonly templateName: string,
    /** the file the failing node was parsed from (Go's ParseName); '' when no node */
    readonly fileName: string,
    /** 1-based line, 0 when no node */
    readonly line: number,
    /** Go's column: 0-based byte offset within the line */
    readonly col: number,
    /** the node's text as Go prints it in `at <...>`; '' when no node */
    readonly context: string,
    /** the message after the location prefix, e.g. `error calling required: msg` */
    readonly detail: string,
    /** the error thrown by a called function, when that is the cause */
    override readonly cause?: unknown,
  ) {
    super(
      fileName
        ? `template: ${fileName}:${line}:${col}: executing ${goQuote(templateName)} at <${context}>: ${detail}`
        : `template: ${templateName}: ${detail}`,
    );
    this.name = 'TemplateExecError';
  }
}

/** Go's strconv.Quote for the common case (used in messages). */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}
