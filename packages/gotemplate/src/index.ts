export { TemplateSet, type TemplateSetOptions, type Template, type MissingKey } from './template-set.js';
export { defineGoFunc, type FuncMap, type GoFunc, type GoSignature, type GoParamType } from './go-func.js';
export { GoError, TemplateParseError, TemplateExecError } from './errors.js';
export { sprintf, sprint, sprintln, formatValue } from './fmt/sprintf.js';
export { quote as goQuote, quoteRune as goQuoteRune } from './fmt/quote.js';
export { formatFloat } from './fmt/format-float.js';
export {
  goKind,
  goTypeName,
  goTypeNameKey,
  isGoMap,
  isTrue,
  sortedKeys,
  methodOfCollection,
  mapEntry,
  type GoKind,
} from './go-values.js';
export { htmlEscape, jsEscape, urlQueryEscape } from './exec/escapers.js';
export type { Tree } from './parse/ast.js';
