export type { YamlNode } from './node.js';
export {
  toYaml,
  mustToYaml,
  marshalYaml,
  emitYaml,
  toJsonRoundTripNode,
  toValidUnicode,
  YamlMarshalError,
} from './to-yaml.js';
export { parseYaml, fromYaml, fromYamlArray, plainScalarJson, exceedsAliasBudget, YamlParseError } from './parse.js';
export { resolvePlain, canBePlainString, parseGoFloat } from './resolve.js';
export type { ResolvedScalar } from './resolve.js';
export { formatGoFloatG, formatGoJsonFloat } from './go-float.js';
export { goYamlKeyLess, compareGoYamlKeys } from './key-order.js';
export { decodeJson, decodeJsonPrefix, GoJsonError, type GoJsonOptions } from './go-json.js';
export {
  composeGoYaml,
  composeGoYamlDocuments,
  goYamlSyntaxError,
  type GoYamlNode,
  type GoYamlScalarNode,
  type GoYamlSequenceNode,
  type GoYamlMappingNode,
  type GoYamlAliasNode,
} from './libyaml/compose.js';
export { GoYamlSyntaxError, ScalarStyle, type GoYamlVersion } from './libyaml/tokens.js';
export { readKubernetesYamlDocuments, type KubernetesYamlDocuments } from './kubernetes-yaml-reader.js';
