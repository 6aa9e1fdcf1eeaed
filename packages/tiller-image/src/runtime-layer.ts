/**
 * The runtime layer: the host's `node` and the shared libraries `ldd` names for it (the dynamic
 * loader included), a passwd/group with root and nobody (Tiller runs as 65534), and a
 * world-writable /tmp. The same node on the same host gives the same bytes.
 */
import { execFileSync } from 'node:child_process';

import { hostFile, type LayerEntry } from '@helmts/oci-image';

export const NODE_PATH = '/usr/local/bin/node';
export const NOBODY = 65534;

/** Absolute library paths from `ldd` output: "libc.so.6 => /lib/…/libc.so.6 (0x…)" and the loader line. */
export function lddLibraries(lddOutput: string): string[] {
  const libs = new Set<string>();
  for (const line of lddOutput.split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(0x/.exec(line);
    if (m) libs.add(m[1]);
  }
  return [...libs].sort();
}

export async function runtimeLayer(nodeBinary = process.execPath): Promise<LayerEntry[]> {
  let ldd: string;
  try {
    ldd = execFileSync('ldd', [nodeBinary], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`cannot list the libraries of ${nodeBinary} with ldd: ${(error as Error).message}`);
  }
  const entries: LayerEntry[] = [await hostFile(nodeBinary, NODE_PATH, 0o755)];
  for (const lib of lddLibraries(ldd)) entries.push(await hostFile(lib, lib, 0o755));
  const text = (s: string) => new TextEncoder().encode(s);
  entries.push(
    {
      type: 'file',
      path: '/etc/passwd',
      data: text(`root:x:0:0:root:/root:/sbin/nologin\nnobody:x:${NOBODY}:${NOBODY}:nobody:/tmp:/sbin/nologin\n`),
      mode: 0o644,
    },
    { type: 'file', path: '/etc/group', data: text(`root:x:0:\nnogroup:x:${NOBODY}:\n`), mode: 0o644 },
    { type: 'directory', path: '/tmp', mode: 0o1777 },
  );
  return entries;
}
