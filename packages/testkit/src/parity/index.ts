export { parseCommandLines } from './command-lines.js';
export { mask } from './mask.js';
export { helm2Oracle } from './helm2-oracle.js';
export { formatReport, runParity } from './run-parity.js';
