import {readFile} from 'node:fs/promises'
import {join} from 'node:path'

import {ConnectionError, type Settings} from '@helmts/core'
import type {ReleaseServiceClient} from '@helmts/proto'

import {fromRpcError} from './rpc-error.js'
import type {TlsSettings} from './tls-flags.js'

/** A live connection to a Tiller: the typed client plus how to close what was opened for it. */
export interface TillerConnection {
  client: ReleaseServiceClient
  address: string
  /** True when this command started its own Tiller (tillerless mode). */
  local: boolean
  /** Unary call with Tiller's errors turned into user errors. */
  call<Req, Res>(method: keyof ReleaseServiceClient, request: Req, options?: {deadlineSeconds?: number; operationId?: string}): Promise<Res>
  /** Server-streaming call, collected. */
  collect<Req, Res>(method: keyof ReleaseServiceClient, request: Req): Promise<Res[]>
  close(): Promise<void>
}

export interface ConnectOptions {
  tls: TlsSettings
  /** Run Tiller in this process instead of connecting to one (--local / HELMTS_TILLER=local). */
  local?: boolean
  /** One line to tell the user about a fallback to a local Tiller. */
  notice?: (message: string) => void
}

/** The file `helmts tiller start` leaves behind so later commands find the background Tiller. */
export function backgroundTillerFile(settings: Settings): string {
  return join(settings.home, 'tiller', 'tiller.json')
}

async function backgroundTillerAddress(settings: Settings): Promise<string | undefined> {
  try {
    const state = JSON.parse(await readFile(backgroundTillerFile(settings), 'utf8')) as {address?: string; pid?: number}
    if (!state.address || !state.pid) return undefined
    process.kill(state.pid, 0)
    return state.address
  } catch {
    return undefined
  }
}

type Grpc = typeof import('@grpc/grpc-js')

async function credentials(grpc: Grpc, tls: TlsSettings) {
  if (!tls.enabled) return grpc.credentials.createInsecure()
  const read = async (path: string, what: string) => {
    try {
      return await readFile(path)
    } catch (error) {
      throw new ConnectionError('Tiller', `cannot read the TLS ${what} ${path}: ${(error as Error).message}`, {
        hint: `pass --tls-${what === 'CA certificate' ? 'ca-cert' : what === 'certificate' ? 'cert' : 'key'} or create it with "helmts init --tls-gen"`,
      })
    }
  }
  const ca = tls.verify ? await read(tls.caCert, 'CA certificate') : null
  const cert = await read(tls.cert, 'certificate')
  const key = await read(tls.key, 'key')
  return grpc.credentials.createSsl(ca, key, cert, tls.verify ? undefined : {checkServerIdentity: () => undefined, rejectUnauthorized: false})
}

/**
 * Finds Tiller and connects: --host/HELMTS_HOST first, then a background Tiller from
 * `helmts tiller start`, else a Tiller run inside this command against the user's kubeconfig
 * (the "tillerless" way), saying so in one line unless --local asked for it.
 */
export async function connectTiller(settings: Settings, options: ConnectOptions): Promise<TillerConnection> {
  const local = options.local || process.env.HELMTS_TILLER === 'local'
  let address = local ? undefined : settings.host ?? (await backgroundTillerAddress(settings))
  let stopLocal: (() => Promise<void>) | undefined
  if (!address) {
    if (!local) options.notice?.('No Tiller address given (--host, HELMTS_HOST): running a local Tiller for this command.')
    const {startTiller, silentLogger} = await import('@helmts/tiller')
    let kubeConfig
    if (settings.kubeContext) {
      const {KubeConfig} = await import('@kubernetes/client-node')
      kubeConfig = new KubeConfig()
      if (settings.kubeconfig) kubeConfig.loadFromFile(settings.kubeconfig)
      else kubeConfig.loadFromDefault()
      kubeConfig.setCurrentContext(settings.kubeContext)
    }
    const tiller = await startTiller({
      listen: '127.0.0.1:0',
      namespace: settings.tillerNamespace,
      kubeconfigPath: settings.kubeconfig,
      kubeConfig,
      storage: (process.env.HELMTS_TILLER_STORAGE as 'configmap' | 'secret' | 'memory' | undefined) ?? 'configmap',
      logger: silentLogger,
    })
    address = tiller.address
    stopLocal = () => tiller.stop()
  }
  const grpc = await import('@grpc/grpc-js')
  const {createReleaseServiceClient, OPERATION_ID_HEADER} = await import('@helmts/proto')
  const creds = await credentials(grpc, options.tls)
  const channelOptions = options.tls.hostname ? {'grpc.ssl_target_name_override': options.tls.hostname} : {}
  const target: string = address
  const client = createReleaseServiceClient(target, creds, {channelOptions})
  await new Promise<void>((resolve, reject) => {
    client.waitForReady(Date.now() + settings.tillerConnectionTimeout * 1000, (error) => {
      if (error) {
        client.close()
        reject(
          new ConnectionError(`Tiller at ${target}`, error.message, {
            hint: 'check --host/HELMTS_HOST and the TLS flags, or use --local to run Tiller inside this command',
          }),
        )
      } else resolve()
    })
  }).catch(async (error) => {
    await stopLocal?.()
    throw error
  })

  const connection: TillerConnection = {
    client,
    address: target,
    local: Boolean(stopLocal),
    call(method, request, callOptions = {}) {
      return new Promise((resolve, reject) => {
        const grpcOptions = callOptions.deadlineSeconds ? {deadline: Date.now() + callOptions.deadlineSeconds * 1000} : {}
        const fn = client[method] as unknown as (...args: unknown[]) => unknown
        const metadata = new grpc.Metadata()
        if (callOptions.operationId) metadata.set(OPERATION_ID_HEADER, callOptions.operationId)
        fn.call(client, request, metadata, grpcOptions, (error: unknown, response: unknown) =>
          error ? reject(fromRpcError(error, target)) : resolve(response as never),
        )
      })
    },
    collect(method, request) {
      return new Promise((resolve, reject) => {
        const fn = client[method] as unknown as (req: unknown) => NodeJS.EventEmitter
        const stream = fn.call(client, request)
        const items: unknown[] = []
        stream.on('data', (item: unknown) => {
          items.push(item)
        })
        stream.on('error', (error: unknown) => reject(fromRpcError(error, target)))
        stream.on('end', () => resolve(items as never))
      })
    },
    async close() {
      client.close()
      await stopLocal?.()
    },
  }
  return connection
}

