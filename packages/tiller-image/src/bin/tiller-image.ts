#!/usr/bin/env node
// npm run tiller-image [-- --out FILE --name REF | --push REF]: writes the Tiller image archive (and pushes it to
// a registry) and prints its reference, digest and size.
import { parseArgs } from 'node:util';

import { pushImageArchive } from '@helmts/oci-image';

import { buildTillerImage, defaultImageName, REPO_ROOT } from '../build-tiller-image.js';
import { writeAppTree } from '../write-app-tree.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'tiller-image.oci.tar' },
    name: { type: 'string' },
    push: { type: 'string' },
    'registry-config': { type: 'string' },
    'app-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'usage: helmts-tiller-image [--out FILE] [--name REF | --push REF [--registry-config FILE]] | --app-dir DIR\n' +
      `Writes the Tiller image (default name ${defaultImageName()}) as an OCI archive (default tiller-image.oci.tar).\n` +
      'Load it with: ctr -n k8s.io images import FILE, or skopeo copy oci-archive:FILE docker://REGISTRY/…\n' +
      '--push REF also pushes it to the registry REF names (host[:port]/path:tag; plain HTTP for 127.0.0.1/localhost),\n' +
      '  with the credentials `helmts registry login` stored (--registry-config FILE, else HELMTS_REGISTRY_CONFIG,\n' +
      '  else $HELMTS_HOME/registry/config.json).\n' +
      '--app-dir DIR writes only the application (what goes to /app) into DIR, for the Dockerfile.\n',
  );
  process.exit(0);
}
try {
  if (values['app-dir']) {
    const n = await writeAppTree(values['app-dir'], REPO_ROOT);
    process.stdout.write(`${n} entries in ${values['app-dir']}\n`);
    process.exit(0);
  }
  const image = await buildTillerImage({ out: values.out!, name: values.push ?? values.name });
  const size = image.layers.reduce((n, l) => n + l.size, image.config.size + image.manifest.size);
  process.stdout.write(
    `${image.name}\n  archive ${values.out}\n  manifest ${image.manifest.digest}\n  size ${(size / 2 ** 20).toFixed(1)} MiB (${image.layers.length} layers)\n`,
  );
  if (values.push) {
    const pushed = await pushImageArchive(image.archive, values.push, { registryConfig: values['registry-config'] });
    process.stdout.write(
      `  pushed ${pushed.reference}@${pushed.digest} (${pushed.uploaded} blobs, ${(pushed.bytes / 2 ** 20).toFixed(1)} MiB sent; ${pushed.skipped} already there)\n`,
    );
  }
} catch (error) {
  process.stderr.write(`tiller-image: ${(error as Error).message}\n`);
  process.exit(1);
}
