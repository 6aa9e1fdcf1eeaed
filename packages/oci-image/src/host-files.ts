/**
 * Layer entries read from the host's file system: one file, or a whole directory tree with its
 * symbolic links kept as links. Permission bits come from the host; owners and times do not
 * (the layer writer sets them to root and 0).
 */
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidImageError } from './errors.js';
import { layerPath, type LayerEntry } from './layer.js';

/** The host file `hostPath` (a symbolic link is followed) at `imagePath`, with its permission bits unless `mode` is given. */
export async function hostFile(hostPath: string, imagePath: string, mode?: number): Promise<LayerEntry> {
  let data: Buffer;
  let hostMode: number;
  try {
    const st = await stat(hostPath);
    if (!st.isFile()) throw new InvalidImageError(`${hostPath} is not a regular file`);
    hostMode = st.mode & 0o7777;
    data = await readFile(hostPath);
  } catch (e) {
    if (e instanceof InvalidImageError) throw e;
    throw new InvalidImageError(`cannot read ${hostPath} for the image: ${(e as Error).message}`);
  }
  return { type: 'file', path: imagePath, data, mode: mode ?? hostMode };
}

/**
 * Every file, directory and symbolic link below the host directory `hostDir`, placed below
 * `imageDir`. Devices, sockets and fifos are refused (an image layer written here holds none).
 */
export async function hostTree(hostDir: string, imageDir: string): Promise<LayerEntry[]> {
  const base = layerPath(imageDir);
  const out: LayerEntry[] = [];
  const walk = async (host: string, inImage: string): Promise<void> => {
    const st = await lstat(host).catch((e: Error) => {
      throw new InvalidImageError(`cannot read ${host} for the image: ${e.message}`);
    });
    if (st.isSymbolicLink()) out.push({ type: 'symlink', path: inImage, target: await readlink(host) });
    else if (st.isFile()) out.push({ type: 'file', path: inImage, data: await readFile(host), mode: st.mode & 0o7777 });
    else if (st.isDirectory()) {
      out.push({ type: 'directory', path: inImage, mode: st.mode & 0o7777 });
      for (const name of (await readdir(host)).sort()) await walk(join(host, name), `${inImage}/${name}`);
    } else throw new InvalidImageError(`${host} is not a file, directory or symbolic link`);
  };
  await walk(hostDir, base);
  return out;
}
