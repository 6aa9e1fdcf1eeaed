// Tiller takes messages up to 20 MiB (Helm 2's limit). A larger install/upgrade request is refused
// by gRPC only after it has been built and sent; check before sending, and say which input is too
// large: the values (-f/--set), the chart, or both together.
import type { ChartInput } from '@helmts/proto';
import { UsageError } from '@helmts/core';

// what a request carries besides the chart's bytes and the values (names, metadata, framing)
const ENVELOPE_BYTES = 64 * 1024;

const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;

function chartBytes(chart: ChartInput): number {
  let n = Buffer.byteLength(chart.values?.raw ?? '');
  for (const t of chart.templates ?? []) n += (t.data?.length ?? 0) + Buffer.byteLength(t.name ?? '');
  for (const f of (chart.files ?? []) as { type_url?: string; value?: Uint8Array }[])
    n += (f.value?.length ?? 0) + Buffer.byteLength(f.type_url ?? '');
  for (const d of chart.dependencies ?? []) n += chartBytes(d);
  return n;
}

export async function checkRequestSize(chart: ChartInput, valuesRaw: string): Promise<void> {
  const { MAX_MESSAGE_BYTES } = await import('@helmts/proto/client');
  const limit = MAX_MESSAGE_BYTES - ENVELOPE_BYTES;
  const values = Buffer.byteLength(valuesRaw);
  const charted = chartBytes(chart);
  const hint =
    'Tiller accepts requests up to 20 MiB (Helm 2 has the same limit): keep large data out of values and charts';
  if (values > limit)
    throw new UsageError(`the values (-f/--set) are ${mib(values)}, over the ${mib(MAX_MESSAGE_BYTES)} limit`, {
      hint,
    });
  if (charted > limit)
    throw new UsageError(
      `the chart "${chart.metadata?.name}" (templates, files, values.yaml) is ${mib(charted)}, over the ${mib(MAX_MESSAGE_BYTES)} limit`,
      { hint },
    );
  if (values + charted > limit)
    throw new UsageError(
      `the chart (${mib(charted)}) and the values (${mib(values)}) together are over the ${mib(MAX_MESSAGE_BYTES)} limit`,
      { hint },
    );
}

/** A values file (-f, --set-file) that alone exceeds the limit is refused before it is read. */
export async function checkValueFileSizes(files: { flag: string; paths: string[] }[]): Promise<void> {
  const { MAX_MESSAGE_BYTES } = await import('@helmts/proto/client');
  const { stat } = await import('node:fs/promises');
  for (const { flag, paths } of files)
    for (const spec of paths) {
      // --set-file key=path; -f path (a URL or "-" is not a local file)
      const path = flag === '--set-file' ? spec.slice(spec.indexOf('=') + 1) : spec;
      if (path === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) continue;
      const size = await stat(path).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      );
      if (size > MAX_MESSAGE_BYTES)
        throw new UsageError(`${flag} ${path} is ${mib(size)}, over the ${mib(MAX_MESSAGE_BYTES)} limit`, {
          hint: 'Tiller accepts requests up to 20 MiB (Helm 2 has the same limit): keep large data out of values',
        });
    }
}
