// GetVersion: Tiller's version (no compatibility check on this call).
import { TILLER_VERSION } from '../tiller-context.js';

export function tillerVersion(): typeof TILLER_VERSION {
  return { ...TILLER_VERSION };
}
