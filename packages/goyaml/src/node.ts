/**
 * The data model go-yaml v2 works on after sigs.k8s.io/yaml's JSON round trip: every map key is a
 * string, numbers are either integers (kept as decimal text, int64/uint64 range) or float64.
 */
export type YamlNode =
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; text: string }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'seq'; items: YamlNode[] }
  | { kind: 'map'; entries: Array<[string, YamlNode]> };

export const NULL_NODE: YamlNode = { kind: 'null' };
