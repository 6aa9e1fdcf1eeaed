/**
 * Ends the process as soon as a command that succeeded has nothing left to do.
 *
 * When the event loop empties, Node tears the process down piece by piece before it exits: it
 * disposes of the V8 heap (returning every page of a heap that rendering a large chart grew to
 * ~90 MB) and often runs one more garbage collection first, ~5–20 ms that no user waits for (the
 * operating system takes the memory back at exit anyway). So once stdout and stderr have flushed
 * and only they are left open, exiting at once is what the natural exit would do, minus the
 * teardown. Anything else still open (a server a command started, a timer, a child process) means
 * the command is not done: the process is left to exit on its own, as before.
 *
 * 'beforeExit' listeners still run (process.exit() skips them), and 'exit' listeners too (the code
 * cache is written there).
 */

/** Handles that are the process's own standard streams. */
const STDIO_RESOURCES = new Set(['PipeWrap', 'TTYWrap']);

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}

function onlyStdioOpen(): boolean {
  return process.getActiveResourcesInfo().every((resource) => STDIO_RESOURCES.has(resource));
}

export async function exitWhenIdle(): Promise<void> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  if (!onlyStdioOpen()) return;
  process.emit('beforeExit', typeof process.exitCode === 'number' ? process.exitCode : 0);
  // a listener may have started more work: then the loop runs it and the process exits naturally
  if (!onlyStdioOpen()) return;
  process.exit();
}
