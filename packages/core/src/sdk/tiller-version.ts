import {ConnectionError} from './errors.js'
import type {Settings} from './settings.js'
import type {VersionInfo} from './version.js'

/**
 * Tiller's version, when a Tiller address is known. Without one, `version` shows only the client
 * unless --server was asked for explicitly, which is then an error saying how to point at Tiller.
 * The gRPC client is imported only here, so other commands never pay for it.
 */
export async function queryTillerVersion(settings: Settings, options: {required: boolean}): Promise<VersionInfo | undefined> {
  if (!settings.host) {
    if (options.required) {
      throw new ConnectionError('Tiller', 'no Tiller address is configured', {
        hint: 'pass --host HOST:PORT or set HELMTS_HOST (start a local Tiller with "helmts tiller start")',
      })
    }
    return undefined
  }
  let tiller: {getTillerVersion?: (s: Settings) => Promise<VersionInfo>}
  try {
    tiller = (await import('@helmts/proto/tiller-client' as string)) as typeof tiller
  } catch {
    tiller = {}
  }
  if (!tiller.getTillerVersion) {
    if (options.required) throw new ConnectionError(settings.host, 'the Tiller client (@helmts/proto) is not installed')
    return undefined
  }
  return tiller.getTillerVersion(settings)
}
