import { type Command, HelmtsCommand } from '@helmts/core';

import { connectTiller, type TillerConnection } from './tiller/connection.js';
import { resolveTls, tlsFlags } from './tiller/tls-flags.js';

/**
 * Base of the commands that talk to Tiller: Helm 2's TLS flags plus `--local`, and
 * `withTiller()`, which connects, runs the work, and always closes what it opened.
 */
export abstract class ReleaseCommand<T extends typeof Command> extends HelmtsCommand<T> {
  static override baseFlags = { ...HelmtsCommand.baseFlags, ...tlsFlags };

  /** Lines written before connecting, held until the SERVER line (see debugLine). */
  private readonly heldDebugLines: string[] = [];

  /**
   * One of Helm 2's `debug()` lines (stdout, `[debug] ` prefix, shown with --debug). Helm 2 connects
   * (and prints SERVER) before it reads the chart; helmts reads the chart first, so lines written
   * before the connection are held and printed right after SERVER, in Helm 2's order.
   */
  protected debugLine(message: string): void {
    if (this.settings.debug) this.heldDebugLines.push(`[debug] ${message}\n`);
  }

  /** Text for stdout that Helm 2 prints after its debug lines (install's `FINAL NAME: `), held as they are. */
  protected afterDebugLines(text: string): void {
    this.heldDebugLines.push(text);
  }

  protected async withTiller<R>(work: (tiller: TillerConnection) => Promise<R>): Promise<R> {
    const flags = this.flags as Record<string, unknown>;
    const tiller = await connectTiller(this.settings, {
      tls: resolveTls(flags, this.settings.home),
      local: Boolean(flags.local),
      notice: (message) => process.stderr.write(`${message}\n`),
    });
    if (this.settings.debug) {
      // Helm 2 says "Created tunnel using local port"; helmts' tunnel has no local port (it dials
      // through the port-forward's WebSocket), so it names the pod.
      if (tiller.tunnelledTo) process.stdout.write(`[debug] Created tunnel to pod ${tiller.tunnelledTo}\n\n`);
      // Helm 2's setupConnection: debug("SERVER: %q\n", host), on stdout
      process.stdout.write(`[debug] SERVER: ${JSON.stringify(tiller.address)}\n\n`);
    }
    process.stdout.write(this.heldDebugLines.splice(0).join(''));
    try {
      return await work(tiller);
    } finally {
      await tiller.close();
    }
  }
}
