export { parseCommandLines, type CommandLine } from './command-lines.js';
export { mask, type MaskContext } from './mask.js';
export { helm2Oracle } from './helm2-oracle.js';
export {
  describeDifference,
  formatReport,
  runParity,
  type LineResult,
  type Output,
  type ParityOptions,
  type ParityReport,
} from './run-parity.js';
