// Kubernetes probes on their own plain HTTP port: /liveness always 200, /readiness 503 once stopping.
import * as http from 'node:http';

export interface ProbeServer {
  port: number;
  close(): Promise<void>;
}

export async function startProbeServer(listen: string, isStopping: () => boolean): Promise<ProbeServer> {
  const server = http.createServer((req, res) => {
    if (req.url === '/liveness' || req.url === '/readiness') {
      const ok = req.url === '/liveness' || !isStopping();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok' : 'stopping');
    } else res.writeHead(404).end();
  });
  const i = listen.lastIndexOf(':');
  await new Promise<void>((resolve, reject) =>
    server.once('error', reject).listen(Number(listen.slice(i + 1)), listen.slice(0, i), resolve),
  );
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
