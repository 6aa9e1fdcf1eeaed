# shellcheck shell=bash
# The local cluster's image registry: CNCF Distribution's `registry` (built from Go modules,
# scripts/cluster/registry/go.mod) on 127.0.0.1, plain HTTP, storage under $RUN/registry, and the
# node's containerd told to pull from it (a hosts.toml for 127.0.0.1:<port>). Sourced by
# local-cluster.sh, which provides BIN, RUN, CACHE_ROOT, log, die, launch, live_pid, stop_pid,
# free_port and check_go.

REGISTRY_MOD_DIR="$MOD_DIR/registry"
REGISTRY_VERSION="$(awk '$1 == "github.com/distribution/distribution/v3" && $2 ~ /^v/ { print $2; exit }' "$REGISTRY_MOD_DIR/go.mod")"

registry_stamp() {
  { cat "$REGISTRY_MOD_DIR/go.mod" "$REGISTRY_MOD_DIR/go.sum"; echo "registry recipe 1"; } | sha256sum | cut -d' ' -f1
}

registry_build() {
  if [[ -x "$BIN/registry" && "$(cat "$BIN/.registry-stamp" 2>/dev/null)" == "$(registry_stamp)" ]]; then return 0; fi
  mkdir -p "$BIN"
  exec 7>"$BIN/.registry-build.lock"
  flock 7
  if [[ -x "$BIN/registry" && "$(cat "$BIN/.registry-stamp" 2>/dev/null)" == "$(registry_stamp)" ]]; then exec 7>&-; return 0; fi
  check_go
  local blog="$BIN/../registry-build.log" t0; t0=$(now_ms)
  log "building registry (github.com/distribution/distribution/v3 $REGISTRY_VERSION; log: $blog)"
  (
    cd "$REGISTRY_MOD_DIR"
    export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly -trimpath"
    go build -p 2 -ldflags "-s -w -X github.com/distribution/distribution/v3/version.version=$REGISTRY_VERSION" \
      -o "$BIN/registry.tmp" github.com/distribution/distribution/v3/cmd/registry
  ) >"$blog" 2>&1 || { tail -n 30 "$blog" >&2; die "building the registry failed, see $blog"; }
  mv -f "$BIN/registry.tmp" "$BIN/registry"
  registry_stamp >"$BIN/.registry-stamp"
  exec 7>&-
  log "built registry in $(( ($(now_ms) - t0) / 1000 ))s"
}

registry_address() { echo "127.0.0.1:$(cat "$RUN/registry.port")"; }

# Answering at all (200, or 401 with HELMTS_REGISTRY_HTPASSWD) is up.
registry_up() {
  local code; code="$(curl -sS --max-time 2 -o /dev/null -w '%{http_code}' "http://$(registry_address)/v2/" 2>/dev/null)"
  [[ "$code" == 200 || "$code" == 401 ]]
}

# Tells the node's containerd (if this state dir has a node) to pull 127.0.0.1:<port>/... over
# plain HTTP; containerd reads certs.d at each pull, so no restart.
registry_configure_node() {
  local addr; addr="$(registry_address)"
  [[ -d "$NODE_DIR/containerd/certs.d" ]] || return 0
  mkdir -p "$NODE_DIR/containerd/certs.d/$addr"
  cat >"$NODE_DIR/containerd/certs.d/$addr/hosts.toml" <<TOML
server = "http://$addr"
[host."http://$addr"]
  capabilities = ["pull", "resolve"]
TOML
}

# scripts/local-cluster.sh registry: start (or reuse) the registry, print its address.
cmd_registry() {
  if [[ -n "$(live_pid registry)" ]] && registry_up; then
    registry_configure_node; registry_address; return 0
  fi
  registry_build
  stop_pid registry
  mkdir -p "$RUN/logs" "$RUN/registry/data"
  local port; port=$(free_port)
  echo "$port" >"$RUN/registry.port"
  cat >"$RUN/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $RUN/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  # HELMTS_REGISTRY_HTPASSWD=FILE (bcrypt entries): Basic auth for every request, as a private
  # registry asks (tests of `helmts registry login`). The node pulls anonymously: not for Tiller.
  if [[ -n "${HELMTS_REGISTRY_HTPASSWD:-}" ]]; then
    [[ -f "$HELMTS_REGISTRY_HTPASSWD" ]] || die "HELMTS_REGISTRY_HTPASSWD: no such file $HELMTS_REGISTRY_HTPASSWD"
    cat >>"$RUN/registry/config.yml" <<YAML
auth:
  htpasswd:
    realm: helmts-local
    path: $HELMTS_REGISTRY_HTPASSWD
YAML
  fi
  # HELMTS_REGISTRY_AUTH=FILE: an `auth:` section of Distribution's configuration, appended as it
  # is (the token-service test of @helmts/oci-image). Not with HELMTS_REGISTRY_HTPASSWD.
  if [[ -n "${HELMTS_REGISTRY_AUTH:-}" ]]; then
    [[ -f "$HELMTS_REGISTRY_AUTH" ]] || die "HELMTS_REGISTRY_AUTH: no such file $HELMTS_REGISTRY_AUTH"
    [[ -z "${HELMTS_REGISTRY_HTPASSWD:-}" ]] || die "give HELMTS_REGISTRY_AUTH or HELMTS_REGISTRY_HTPASSWD, not both"
    cat "$HELMTS_REGISTRY_AUTH" >>"$RUN/registry/config.yml"
  fi
  # No telemetry exporters: nothing leaves this host.
  OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none OTEL_SDK_DISABLED=true \
    launch registry "$RUN/logs/registry.log" serve "$RUN/registry/config.yml"
  local i
  for i in $(seq 1 100); do
    registry_up && break
    [[ -n "$(live_pid registry)" ]] || { tail -n 20 "$RUN/logs/registry.log" >&2; die "the registry exited; log: $RUN/logs/registry.log"; }
    sleep 0.1
  done
  registry_up || die "the registry did not answer on $(registry_address) in 10s; log: $RUN/logs/registry.log"
  registry_configure_node
  log "registry $REGISTRY_VERSION on http://$(registry_address) (storage $RUN/registry/data)"
  registry_address
}

cmd_registry_stop() {
  stop_pid registry
  if [[ -f "$RUN/registry.port" && -d "$NODE_DIR/containerd/certs.d" ]]; then
    rm -rf "$NODE_DIR/containerd/certs.d/$(registry_address)"
  fi
  rm -rf "$RUN/registry" "$RUN/registry.port"
}
