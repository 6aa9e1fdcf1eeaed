/** Helm's lint severities, in order; a chart fails on its highest one reaching the tolerance. */
export enum Severity {
  Unknown = 0,
  Info = 1,
  Warning = 2,
  Error = 3,
}

const SEVERITY_NAMES = ['UNKNOWN', 'INFO', 'WARNING', 'ERROR'] as const;

export interface LintMessage {
  severity: Severity;
  /** Chart-relative path the finding is about (`Chart.yaml`, `templates/`, `templates/x.yaml`). */
  path: string;
  message: string;
}

/** `[SEVERITY] path: message`, as Helm prints a finding. */
export function formatLintMessage(message: LintMessage): string {
  return `[${SEVERITY_NAMES[message.severity]}] ${message.path}: ${message.message}`;
}

/** A line as Go's log package writes it (Helm 2 logs lint-mode messages so): local `2006/01/02 15:04:05` first. */
export function goLogLine(message: string, at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}/${two(at.getMonth() + 1)}/${two(at.getDate())}`;
  return `${date} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())} ${message}\n`;
}

/** Collects the findings of every rule for one chart. */
export class Linter {
  readonly messages: LintMessage[] = [];

  get highestSeverity(): Severity {
    return this.messages.reduce((highest, m) => Math.max(highest, m.severity), Severity.Unknown);
  }

  /** Records `problem` (when there is one) and says whether the check passed. */
  check(severity: Severity, path: string, problem: string | undefined): boolean {
    if (problem === undefined) return true;
    this.messages.push({ severity, path, message: problem });
    return false;
  }
}
