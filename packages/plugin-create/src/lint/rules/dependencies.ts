import { Linter, Severity } from '../linter.js';
import type { LintState } from '../lint-target.js';

/** Declared dependencies must be in charts/, and charts/ may hold only declared ones (today's Helm's rules). */
export function lintDependencies(linter: Linter, state: LintState, chartPath: string): void {
  const chart = state.chart;
  if (chart === undefined) return;
  const declared = (chart.metadata.dependencies ?? []).map((d) => d.name);
  const present = chart.dependencies.map((d) => d.metadata.name);
  const missing = declared.filter((name) => !present.includes(name));
  if (missing.length > 0)
    linter.check(Severity.Warning, chartPath, `chart directory is missing these dependencies: ${missing.join(',')}`);
  const undeclared = present.filter(
    (name) => !declared.includes(name) && !(chart.metadata.dependencies ?? []).some((d) => d.alias === name),
  );
  if (undeclared.length > 0)
    linter.check(Severity.Error, chartPath, `chart metadata is missing these dependencies: ${undeclared.join(',')}`);
}
