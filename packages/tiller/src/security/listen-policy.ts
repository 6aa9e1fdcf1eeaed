// Secure by default: Tiller only accepts connections from outside the host when every caller must
// present a client certificate signed by its CA.
import { isIP } from 'node:net';
import type { Logger } from '../logger.js';
import type { TillerTlsSettings } from './tls-settings.js';

export class InsecureListenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InsecureListenError';
  }
}

/** The host part of `host:port` (`[::1]:44134` → `::1`). */
function listenHost(listen: string): string {
  const host = listen.slice(0, Math.max(0, listen.lastIndexOf(':')));
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./i.test(host);
  return false;
}

/**
 * Refuses a listen address other than loopback without mutual TLS, unless `insecureListen` says
 * the operator accepts it (then it is logged as a warning). An empty host is every interface.
 */
export function checkListenPolicy(
  listen: string,
  tls: TillerTlsSettings | undefined,
  insecureListen: boolean,
  log: Logger,
): void {
  const host = listenHost(listen);
  if (isLoopbackHost(host)) return;
  if (tls?.enable && tls.verify) return;
  const what = tls?.enable ? 'TLS without client certificate verification' : 'plaintext';
  if (!insecureListen) {
    throw new InsecureListenError(
      `refusing to listen on ${listen} with ${what}: anyone who can reach that address could drive Tiller. ` +
        'Use --tls-verify with --tls-cert, --tls-key and --tls-ca-cert (mutual TLS), listen on 127.0.0.1, or pass --insecure-listen to accept the risk',
    );
  }
  log.warn('listening on a non-loopback address without mutual TLS (--insecure-listen)', { listen, transport: what });
}
