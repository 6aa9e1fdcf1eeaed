/**
 * A V8 code cache for the CommonJS modules the CLI loads (chiefly the bundled oclif), so each run
 * after the first skips compiling them. Node 22 has this built in (`module.enableCompileCache`,
 * which also covers ES modules) and is used when present; on Node 20 this installs the same idea
 * for CommonJS.
 *
 * The cache is one file per Node version and architecture in the given directory, read once at
 * start and rewritten (temp file + rename) at exit only when a module was compiled afresh. Entries
 * are keyed by file name and a hash of the source, so an upgraded package never runs stale code,
 * whatever its file times say. Any problem with the cache (unwritable directory, a truncated or
 * foreign file, a rejected entry) only means compiling normally.
 */
import * as crypto from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import Module from 'node:module'
import {dirname, join} from 'node:path'
import vm from 'node:vm'

/** `import(` as an expression: scripts compiled from a code cache cannot run it on Node 20. */
const DYNAMIC_IMPORT = /(?<![\w$.'"`])import\s*\(/

export interface CompileCacheStatus {
  /** `builtin` on Node >= 22.1, `cjs` for this module's hook, `off` when disabled or failed. */
  kind: 'builtin' | 'cjs' | 'off'
  directory?: string
  /** With `cjs`: modules compiled from the cache, and compiled afresh, so far in this process. */
  hits: number
  misses: number
}

type ModuleWithCompile = Module & {
  _compile(content: string, filename: string): unknown
  require(id: string): unknown
}

interface ModuleInternals {
  wrap(source: string): string
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: {paths?: string[]}): string
  _cache: Record<string, Module>
  _extensions: Record<string, unknown>
  enableCompileCache?: (directory?: string) => {status: number; directory?: string}
}

let status: CompileCacheStatus | undefined

// crypto.hash (Node >= 20.12) skips the Hash object; it is several times faster on short sources.
const oneShotHash = (crypto as {hash?: (algorithm: string, data: string) => string}).hash

function sourceHash(source: string): string {
  return oneShotHash ? oneShotHash('sha1', source) : crypto.createHash('sha1').update(source).digest('hex')
}

/** Reads the cache file: a 4-byte header length, a JSON header of [key, length] pairs, then the data. */
function readEntries(file: string): Map<string, Buffer> {
  const entries = new Map<string, Buffer>()
  let data: Buffer
  try {
    data = readFileSync(file)
  } catch {
    return entries
  }
  try {
    const headerLength = data.readUInt32LE(0)
    const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as [string, number][]
    let offset = 4 + headerLength
    for (const [key, length] of header) {
      if (offset + length > data.length) break
      entries.set(key, data.subarray(offset, offset + length))
      offset += length
    }
  } catch {
    entries.clear()
  }
  return entries
}

function writeEntries(file: string, entries: Map<string, Buffer>): void {
  const header = Buffer.from(JSON.stringify([...entries].map(([key, data]) => [key, data.length])), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32LE(header.length)
  const temp = `${file}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(file), {recursive: true})
    writeFileSync(temp, Buffer.concat([length, header, ...entries.values()]))
    renameSync(temp, file)
  } catch {
    try {
      rmSync(temp, {force: true})
    } catch {
      // nothing was written
    }
  }
}

/**
 * Turns the cache on for this process (once; later calls return the first result).
 * `HELMTS_DISABLE_COMPILE_CACHE=1` turns it off.
 */
export function enableCompileCache(directory: string): CompileCacheStatus {
  if (status) return status
  if (process.env.HELMTS_DISABLE_COMPILE_CACHE) return (status = {kind: 'off', hits: 0, misses: 0})
  const internals = Module as unknown as ModuleInternals
  if (typeof internals.enableCompileCache === 'function') {
    try {
      const result = internals.enableCompileCache(directory)
      return (status = {kind: result.directory ? 'builtin' : 'off', directory: result.directory, hits: 0, misses: 0})
    } catch {
      return (status = {kind: 'off', hits: 0, misses: 0})
    }
  }

  const counts = (status = {kind: 'cjs', directory, hits: 0, misses: 0})
  const file = join(directory, `cjs-${process.version}-${process.arch}.bin`)
  const entries = readEntries(file)
  const fresh = new Map<string, vm.Script>()
  const prototype = Module.prototype as ModuleWithCompile
  const compile = prototype._compile
  prototype._compile = function (this: ModuleWithCompile, content: string, filename: string) {
    if (DYNAMIC_IMPORT.test(content)) return compile.call(this, content, filename)
    const key = `${filename}\0${sourceHash(content)}`
    const cachedData = entries.get(key)
    let script: vm.Script
    try {
      script = new vm.Script(internals.wrap(content), {filename, cachedData})
    } catch {
      // A syntax error: let Node report it its usual way.
      return compile.call(this, content, filename)
    }
    if (!cachedData || script.cachedDataRejected) {
      fresh.set(key, script)
      counts.misses++
    } else counts.hits++
    const wrapper = script.runInThisContext({displayErrors: true}) as (...args: unknown[]) => unknown
    const moduleRequire = Object.assign((id: string) => this.require(id), {
      resolve: (request: string, options?: {paths?: string[]}) => internals._resolveFilename(request, this, false, options),
      main: require.main,
      cache: internals._cache,
      extensions: internals._extensions,
    })
    return wrapper.call(this.exports, this.exports, moduleRequire, this, filename, dirname(filename))
  }
  process.once('exit', () => {
    if (fresh.size === 0) return
    // Drop entries of files that changed since they were cached (same name, other hash).
    const names = new Set([...fresh.keys()].map((key) => key.slice(0, key.indexOf('\0'))))
    for (const key of entries.keys()) if (names.has(key.slice(0, key.indexOf('\0')))) entries.delete(key)
    for (const [key, script] of fresh) entries.set(key, script.createCachedData())
    writeEntries(file, entries)
  })
  return counts
}
