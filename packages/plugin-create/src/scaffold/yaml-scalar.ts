/**
 * A string as a YAML scalar for hand-written YAML: plain when YAML would read it back as the
 * same string, double-quoted (JSON escaping is valid YAML) otherwise.
 */
export function yamlString(value: string): string {
  const plainSafe = /^[A-Za-z][A-Za-z0-9 ._/@+-]*$/.test(value) && !/ $/.test(value);
  const readsAsOtherType = /^(true|false|yes|no|on|off|y|n|null|~)$/i.test(value);
  return plainSafe && !readsAsOtherType ? value : JSON.stringify(value);
}
