import {mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import {dirname, join, relative, resolve, sep} from 'node:path'

import jsYaml from 'js-yaml'

import {ArchiveFormatError, readTarGz, writeTarGz, type TarEntry} from './tar.js'

/** Chart.yaml fields, every scalar a string (as Helm's typed decoding keeps `version: 1.10`). */
export type ChartMetadata = {name: string; version: string; [field: string]: unknown}

/**
 * What this package needs from a chart archive. The default reads the archive itself;
 * @helmts/chart can be plugged in with `setChartArchiveReader` once it is the one place for charts.
 */
export interface ChartArchiveReader {
  readMetadata(archivePath: string): Promise<ChartMetadata>
  extract(archivePath: string, destination: string): Promise<string>
  /** Packs a chart directory into `<destination>/<name>-<version>.tgz`; returns the archive path. */
  pack(chartDir: string, destination: string): Promise<string>
}

function parseChartYaml(text: string, where: string): ChartMetadata {
  let doc: unknown
  try {
    doc = jsYaml.load(text, {schema: jsYaml.FAILSAFE_SCHEMA})
  } catch (error) {
    throw new ArchiveFormatError(`${where}: cannot parse Chart.yaml: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!doc || typeof doc !== 'object') throw new ArchiveFormatError(`${where}: Chart.yaml is not a mapping`)
  const meta = doc as Record<string, unknown>
  if (typeof meta.name !== 'string' || !meta.name) throw new ArchiveFormatError(`${where}: chart metadata (Chart.yaml) has no name`)
  if (typeof meta.version !== 'string' || !meta.version) throw new ArchiveFormatError(`${where}: chart metadata (Chart.yaml) has no version`)
  for (const key of ['deprecated']) if (key in meta) meta[key] = meta[key] === 'true'
  for (const [key, value] of Object.entries(meta)) if (value === null || value === '') delete meta[key]
  return meta as ChartMetadata
}

/** Entry paths with their first component (the chart's directory) checked and stripped. */
function chartFiles(entries: TarEntry[], where: string): TarEntry[] {
  const files: TarEntry[] = []
  for (const entry of entries) {
    const path = entry.path.replace(/\\/g, '/')
    if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) throw new ArchiveFormatError(`${where}: chart illegally contains absolute paths`)
    const parts = path.split('/').filter((p) => p !== '' && p !== '.')
    if (parts.includes('..')) throw new ArchiveFormatError(`${where}: chart illegally references parent directory`)
    if (parts.length === 1 && parts[0] === 'Chart.yaml') throw new ArchiveFormatError(`${where}: chart yaml not in base directory`)
    if (parts.length < 2) continue
    files.push({...entry, path: parts.slice(1).join('/')})
  }
  if (files.length === 0) throw new ArchiveFormatError(`${where}: no files in chart archive`)
  return files
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = []
  for (const entry of (await readdir(dir, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)))
    else if (entry.isFile()) out.push(relative(base, full).split(sep).join('/'))
  }
  return out
}

export const builtinChartArchiveReader: ChartArchiveReader = {
  async readMetadata(archivePath) {
    const files = chartFiles(readTarGz(await readFile(archivePath)), archivePath)
    const chartYaml = files.find((f) => f.path === 'Chart.yaml')
    if (!chartYaml) throw new ArchiveFormatError(`${archivePath}: chart metadata (Chart.yaml) missing`)
    return parseChartYaml(chartYaml.data.toString('utf8'), archivePath)
  },

  async extract(archivePath, destination) {
    const entries = readTarGz(await readFile(archivePath))
    const root = resolve(destination)
    let top = ''
    for (const entry of entries) {
      const parts = entry.path.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.')
      if (parts.includes('..') || entry.path.startsWith('/')) throw new ArchiveFormatError(`${archivePath}: chart illegally references parent directory`)
      if (parts.length === 0) continue
      top ||= parts[0]
      const target = join(root, ...parts)
      await mkdir(dirname(target), {recursive: true})
      await writeFile(target, entry.data, {mode: entry.mode & 0o777})
    }
    return join(root, top)
  },

  async pack(chartDir, destination) {
    const meta = parseChartYaml(await readFile(join(chartDir, 'Chart.yaml'), 'utf8'), chartDir)
    // Chart.yaml and values.yaml first, as Helm writes them; the rest in sorted order.
    const files = (await listFiles(chartDir)).filter((f) => !f.endsWith('.tgz') || f.startsWith('charts/'))
    const ordered = ['Chart.yaml', ...files.filter((f) => f === 'values.yaml'), ...files.filter((f) => f !== 'Chart.yaml' && f !== 'values.yaml')]
    const entries: TarEntry[] = []
    for (const file of ordered) {
      const full = join(chartDir, file)
      entries.push({path: `${meta.name}/${file}`, data: await readFile(full), mode: (await stat(full)).mode & 0o777})
    }
    await mkdir(destination, {recursive: true})
    const target = join(destination, `${meta.name}-${meta.version}.tgz`)
    await writeFile(target, writeTarGz(entries))
    return target
  },
}

let current: ChartArchiveReader = builtinChartArchiveReader

export function chartArchiveReader(): ChartArchiveReader {
  return current
}

/** Lets the chart package (or a test) take over reading and packing charts. */
export function setChartArchiveReader(reader: ChartArchiveReader): void {
  current = reader
}
