export { APP_DIR, appLayer, appPackages, type AppPackage } from './app-layer.js';
export {
  buildTillerImage,
  defaultImageName,
  REPO_ROOT,
  TILLER_ENTRY,
  tillerVersion,
  type TillerImageOptions,
} from './build-tiller-image.js';
export { lddLibraries, NOBODY, NODE_PATH, runtimeLayer } from './runtime-layer.js';
export { writeAppTree } from './write-app-tree.js';
