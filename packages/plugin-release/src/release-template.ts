import type { Release } from '@helmts/proto';

/** Whether `message[key]` is a protobuf map, whose keys are the user's and keep their spelling. */
function isMapField(message: object, key: string): boolean {
  // Metadata.annotations; Config.values (a Config is the message that has `raw`)
  return key === 'annotations' || (key === 'values' && 'raw' in message);
}

/** protoc-gen-go's field names: snake_case to CamelCase, no initialisms (`api_version` is `ApiVersion`). */
function goFieldName(name: string): string {
  return name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/**
 * A decoded message in the shape Helm 2's Go structs have inside a template: `{{.Release.Name}}`,
 * `{{.Release.Info.Status.Code}}` (the enum's name), `{{.Release.Chart.Metadata.Version}}`.
 */
function goShaped(value: unknown, isMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => goShaped(v));
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const shaped: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value))
    shaped[isMap ? key : goFieldName(key)] = goShaped(field, !isMap && isMapField(value, key));
  return shaped;
}

/** Helm 2's `get --template`: the Go template executed over `{"Release": <the release>}`. */
export async function renderReleaseTemplate(text: string, release: Release): Promise<string> {
  const { TemplateSet } = await import('@helmts/gotemplate');
  const set = new TemplateSet();
  set.parse('_', text);
  return set.execute('_', { Release: goShaped(release) });
}
