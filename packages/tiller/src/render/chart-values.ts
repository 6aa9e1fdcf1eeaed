// Values for rendering (reference §7.4) and for upgrades (§3.3), via @helmts/chart's coalescing.
import {
  ChartValuesError,
  coalesceValues,
  parseValuesYaml,
  toYaml,
  type Chart as ChartModel,
  type ValuesTable,
} from '@helmts/chart';
import type { Chart } from '@helmts/proto';
import { readChartValues } from '../chart-message.js';

export class InvalidValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidValuesError';
  }
}

/** The release's user values (Helm 2's ReadValues: the first document only; helm v4's LoadValues with `helm2` false). */
function parseValues(raw: string | undefined, helm2: boolean): ValuesTable {
  if (raw === undefined || raw.trim() === '') return {} as ValuesTable;
  try {
    return parseValuesYaml(raw, 'values', { helm2, goType: helm2 ? 'chartutil.Values' : undefined });
  } catch (e) {
    throw new InvalidValuesError((e as Error).message.replace(/^values: /, ''));
  }
}

function toModel(chart: Chart, helm2: boolean): ChartModel {
  const name = chart.metadata?.name ?? '';
  return {
    metadata: { apiVersion: chart.metadata?.apiVersion ?? 'v1', name, version: chart.metadata?.version ?? '' },
    templates: [],
    ...readChartValues(chart.values?.raw ?? '', name, helm2),
    files: [],
    crds: [],
    dependencies: (chart.dependencies ?? []).map((d) => toModel(d, helm2)),
  } as unknown as ChartModel;
}

/**
 * The chart's defaults coalesced with the user's values (what `.Values` is); `helm2`: as Helm 2.17's
 * Tiller does it (every user null dropped where a chart's values meet it).
 */
export function computeValues(
  chart: Chart,
  userRaw: string | undefined,
  opts: { helm2?: boolean } = {},
): Record<string, unknown> {
  const helm2 = opts.helm2 ?? false;
  try {
    return coalesceValues(toModel(chart, helm2), parseValues(userRaw, helm2), { helm2 }) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ChartValuesError) throw new InvalidValuesError(e.message);
    throw e;
  }
}

function valuesToYaml(v: Record<string, unknown>): string {
  return toYaml(v as ValuesTable);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    if (
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      typeof b === 'object' &&
      b !== null &&
      !Array.isArray(b)
    ) {
      out[k] = deepMerge(b as Record<string, unknown>, v as Record<string, unknown>);
    } else out[k] = v;
  }
  return out;
}

export interface UpgradeValues {
  /** chart to render with (its values.yaml may be replaced, --reuse-values) */
  chart: Chart;
  /** user values to store and render with */
  configRaw: string;
}

/** Helm 2's reuseValues (§3.3). */
export function upgradeValues(
  newChart: Chart,
  newRaw: string,
  current: { chart: Chart | null; config: { raw: string } | null },
  opts: { resetValues: boolean; reuseValues: boolean; helm2?: boolean },
): UpgradeValues {
  const oldRaw = current.config?.raw ?? '';
  if (opts.resetValues) return { chart: newChart, configRaw: newRaw };
  if (opts.reuseValues) {
    const oldComputed = current.chart ? computeValues(current.chart, oldRaw, { helm2: opts.helm2 }) : {};
    const chart: Chart = { ...newChart, values: { raw: valuesToYaml(oldComputed), values: {} } as Chart['values'] };
    const merged = deepMerge(
      parseValues(oldRaw, opts.helm2 ?? false) as Record<string, unknown>,
      parseValues(newRaw, opts.helm2 ?? false) as Record<string, unknown>,
    );
    return { chart, configRaw: Object.keys(merged).length === 0 ? '' : valuesToYaml(merged) };
  }
  const newEmpty = newRaw === '' || newRaw === '{}\n' || newRaw.trim() === '{}';
  if (newEmpty && oldRaw !== '' && oldRaw.trim() !== '{}') return { chart: newChart, configRaw: oldRaw };
  return { chart: newChart, configRaw: newRaw };
}
