import type {Settings} from '@helmts/core'
import type {DownloadOptions} from '@helmts/repo'

type SchemeGetters = NonNullable<DownloadOptions['getters']>

/**
 * Helm 2's getter registry as @helmts/repo takes it: one getter for each URL scheme an installed
 * downloader plugin claims (http and https stay built in). The plugin gets the repository's
 * cert, key and CA files as its first arguments, as Helm passes them.
 */
export async function downloaderGetters(settings: Settings): Promise<SchemeGetters> {
  const {listDownloaders, runDownloader} = await import('@helmts/core')
  const getters: Record<string, SchemeGetters[string]> = {}
  for (const downloader of await listDownloaders(settings)) {
    getters[downloader.protocol] = (url, transport) =>
      runDownloader(downloader, url, {settings, certFile: transport.certFile, keyFile: transport.keyFile, caFile: transport.caFile})
  }
  return getters
}
