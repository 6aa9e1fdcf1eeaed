import { marshalYaml } from '@helmts/goyaml';

/**
 * Serializes a values tree (or Chart.yaml metadata) as Helm does (sigs.k8s.io/yaml: a JSON round
 * trip, then go-yaml v2), so every string that go-yaml would read as a bool, number or null is
 * quoted, and reading the text back — here or in Helm — gives the same tree.
 */
export function toYaml(value: unknown): string {
  return marshalYaml(value);
}
