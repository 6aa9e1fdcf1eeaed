#!/usr/bin/env bash
# Toxiproxy (github.com/Shopify/toxiproxy/v2, a TCP proxy that injects faults: latency, timeouts,
# connection resets, bandwidth limits) for the fault tests, built from Go modules
# (scripts/toxiproxy/go.mod) and cached outside the repository.
#
#   scripts/toxiproxy.sh build   build toxiproxy-server if the cache lacks it; print its path
#   scripts/toxiproxy.sh path    print the path (exit 3 if not built)
#
# Environment:
#   HELMTS_TOXIPROXY_CACHE  cache root; the binary goes to $HELMTS_TOXIPROXY_CACHE/<version>/bin;
#                           default ~/.cache/helmts/toxiproxy
#
# The tests start the server themselves on 127.0.0.1 (`toxiproxy-server -host 127.0.0.1 -port N`)
# and create proxies whose upstream is a loopback address: nothing else is ever contacted.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MOD_DIR="$SCRIPT_DIR/toxiproxy"
CACHE_ROOT="${HELMTS_TOXIPROXY_CACHE:-$HOME/.cache/helmts/toxiproxy}"
VERSION="$(awk '$1 == "require" && $2 == "github.com/Shopify/toxiproxy/v2" { print $3; exit }' "$MOD_DIR/go.mod")"
[[ -n "$VERSION" ]] || { echo "toxiproxy: cannot read the version from $MOD_DIR/go.mod" >&2; exit 1; }
BIN="$CACHE_ROOT/$VERSION/bin"
EXE="$BIN/toxiproxy-server"

log() { echo "toxiproxy: $*" >&2; }

stamp() { { cat "$MOD_DIR/go.mod" "$MOD_DIR/go.sum"; echo "recipe 1"; } | sha256sum | cut -d' ' -f1; }

built() { [[ -x "$EXE" && "$(cat "$BIN/.stamp" 2>/dev/null)" == "$(stamp)" ]]; }

build() {
  if built; then echo "$EXE"; return 0; fi
  mkdir -p "$BIN"
  exec 7>"$BIN/.build.lock"
  flock 7
  if built; then exec 7>&-; echo "$EXE"; return 0; fi
  command -v go >/dev/null || { log "error: Go is needed to build Toxiproxy (scripts/install-cluster-deps.sh installs it)"; exit 1; }
  local blog="$BIN/../build.log" t0; t0=$(date +%s)
  log "building toxiproxy-server $VERSION (log: $blog)"
  (
    cd "$MOD_DIR"
    export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly -trimpath"
    go build -p 2 -ldflags "-s -w -X github.com/Shopify/toxiproxy/v2.Version=$VERSION" \
      -o "$EXE.tmp" github.com/Shopify/toxiproxy/v2/cmd/server
  ) >"$blog" 2>&1 || { tail -n 30 "$blog" >&2; log "error: building Toxiproxy failed, see $blog"; exit 1; }
  mv -f "$EXE.tmp" "$EXE"
  stamp >"$BIN/.stamp"
  exec 7>&-
  log "built toxiproxy-server in $(( $(date +%s) - t0 ))s"
  echo "$EXE"
}

case "${1:-build}" in
  build) build ;;
  path) built || exit 3; echo "$EXE" ;;
  *) echo "usage: scripts/toxiproxy.sh build|path" >&2; exit 2 ;;
esac
