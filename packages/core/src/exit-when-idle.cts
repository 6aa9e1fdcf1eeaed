/**
 * Ends the process as soon as a command that succeeded has nothing left to do.
 *
 * When the event loop empties, Node tears the process down piece by piece before it exits: it
 * disposes of the V8 heap (returning every page of a heap that rendering a large chart grew to
 * ~90 MB) and often runs one more garbage collection first, ~5–20 ms that no user waits for (the
 * operating system takes the memory back at exit anyway). So once stdout and stderr have flushed
 * and only they are left open, exiting at once is what the natural exit would do, minus the
 * teardown. Anything else still open (a server a command started, a timer, a child process) means
 * the command is not done: the process runs on, and exits the same way once its event loop is empty.
 *
 * That second part is not only about speed. Node 20's natural exit unregisters the isolate from the
 * platform before disposing of it, and a TurboFan job still compiling on a background thread can
 * then ask for the isolate's task runner and abort the process (SIGABRT, "NodePlatform::ForIsolate
 * ... data.first != nullptr"); process.exit() joins the background threads first (later Node
 * versions dispose of the isolate first: NodePlatform::DisposeIsolate). Commands that end with a
 * handle still closing (a Helm 2 plugin's child process, the tunnel's local server) took that path,
 * and CI saw the crash.
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

/** Exits if nothing but stdio is open; a 'beforeExit' listener, so other listeners ran first. */
function exitIfIdle(): void {
  // a listener before this one may have started more work: then the loop runs it and comes back here
  if (onlyStdioOpen()) process.exit();
}

export async function exitWhenIdle(): Promise<void> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  // From now on, whenever the event loop runs dry, the process ends through process.exit().
  process.on('beforeExit', exitIfIdle);
  if (onlyStdioOpen()) process.emit('beforeExit', typeof process.exitCode === 'number' ? process.exitCode : 0);
}
