// After a read that decoded thousands of records (`list --all` over 10,000 revisions decodes every
// one), V8 keeps the heap they grew until its own heuristics run a full collection, which for a
// Tiller that then sits idle can take long: the process stays at its high-water mark. One full
// collection a moment after such a read (about 30 ms after 10,000 records, when the answer has
// gone) gives back ~20 MiB.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** From this many records decoded by one read. */
export const LARGE_READ_RECORDS = 1000;

let collect: (() => void) | null | undefined;
let scheduled: NodeJS.Timeout | undefined;

/** V8's gc(): exposed to a new context (the main one was made without it), once. */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  } catch {
    collect = null;
  }
  return collect;
}

/** Runs one full collection `delayMs` from now (one at a time: reads in between share it). */
export function collectAfterLargeRead(delayMs = 500): void {
  if (scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = undefined;
    collector()?.();
  }, delayMs);
  scheduled.unref();
}
