import { Progress } from '@helmts/core';

/**
 * A progress bar (bytes, rate) for one download on a terminal; nothing at all when stderr is
 * piped. Returns the callback to hand to the download and a function to clear the line.
 */
export function downloadProgress(label: string): {
  onProgress: (received: number, total?: number) => void;
  done: () => void;
} {
  const progress = new Progress({ piped: 'silent' });
  let started = false;
  return {
    onProgress(received, total) {
      if (!started) {
        progress.start(label);
        started = true;
      }
      progress.bytes(received, total);
    },
    done() {
      if (started) progress.stop();
    },
  };
}
