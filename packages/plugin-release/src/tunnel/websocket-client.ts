// The `ws` client class, in a module of its own so the tunnel can load it while its pod lookup is
// on the wire (port-forward.ts). The release plugin's bundle holds `ws` (helmtsBundle.inline): one
// cached file instead of Node resolving ws's package exports (which loads its ES module resolver)
// and reading and compiling its thirteen modules on every tunnelled command.
export { default as WebSocket } from 'ws';
