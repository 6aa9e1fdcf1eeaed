#!/usr/bin/env bash
# A real Kubernetes cluster on 127.0.0.1 for helmts tests and demos: etcd + kube-apiserver
# (+ kube-controller-manager) and one node (containerd + kubelet + kube-scheduler; pods run on a
# bridge of ours), all built from Go modules (scripts/cluster/go.mod, scripts/cluster/containerd/go.mod)
# and cached outside the repository.
#
#   scripts/local-cluster.sh build     build the binaries if the cache lacks them
#   scripts/local-cluster.sh start     build if needed, start (or reuse) the cluster, wait for /readyz
#   scripts/local-cluster.sh stop      stop exactly the processes `start` launched, remove the state
#   scripts/local-cluster.sh status    exit 0 and describe it if running, exit 3 if not
#   scripts/local-cluster.sh env       print `export KUBECONFIG=...` (use: eval "$(... env)")
#   scripts/local-cluster.sh kubeconfig  print the kubeconfig path
#   scripts/local-cluster.sh load-image ARCHIVE  import an OCI image archive into the node's containerd
#   scripts/local-cluster.sh registry  start (or reuse) an image registry on 127.0.0.1 (CNCF Distribution,
#                                      plain HTTP) that the node pulls from; prints its address host:port
#   scripts/local-cluster.sh registry-stop  stop it (`stop` does too) and forget its images
#
# Environment:
#   HELMTS_CLUSTER_DIR    state dir (pki, etcd data, pid files, logs, kubeconfig);
#                         default ~/.cache/helmts/cluster/run
#   HELMTS_CLUSTER_CACHE  binary cache root; binaries go to $HELMTS_CLUSTER_CACHE/<version>/bin;
#                         default ~/.cache/helmts/cluster
#   HELMTS_CLUSTER_KCM    1 (default) also runs kube-controller-manager; 0 = apiserver + etcd only
#   HELMTS_CLUSTER_NODE   1 (default) also runs a node (needs KCM); 0 = control plane only
#   HELMTS_CLUSTER_START_TIMEOUT  seconds to wait for readiness (default 120)
#
# The kubeconfig has two contexts on cluster `helmts-local`:
#   admin (current)  client cert CN=admin, O=system:masters
#   dev              client cert CN=dev, no RBAC bindings (every request is denied with 403)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MOD_DIR="$SCRIPT_DIR/cluster"
CACHE_ROOT="${HELMTS_CLUSTER_CACHE:-$HOME/.cache/helmts/cluster}"
RUN="${HELMTS_CLUSTER_DIR:-$CACHE_ROOT/run}"
WANT_KCM="${HELMTS_CLUSTER_KCM:-1}"
START_TIMEOUT="${HELMTS_CLUSTER_START_TIMEOUT:-120}"

# Kubernetes version: the one k8s.io/kubernetes is required at in scripts/cluster/go.mod.
KUBE_VERSION="$(awk '$1 == "require" && $2 == "k8s.io/kubernetes" { print $3; exit }
  $1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }' "$MOD_DIR/go.mod")"
[[ -n "$KUBE_VERSION" ]] || { echo "local-cluster: cannot read the k8s.io/kubernetes version from $MOD_DIR/go.mod" >&2; exit 1; }
BIN="$CACHE_ROOT/$KUBE_VERSION/bin"
# shellcheck source=cluster/node.sh
source "$MOD_DIR/node.sh"
# shellcheck source=cluster/registry.sh
source "$MOD_DIR/registry.sh"
[[ "$WANT_KCM" == 1 ]] || HELMTS_CLUSTER_NODE=0   # a node without controllers would be half a cluster

log() { echo "local-cluster: $*" >&2; }
die() { echo "local-cluster: error: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------------------------------------
# build

build_stamp() {
  # Rebuild when go.mod/go.sum or this build recipe (bump the number) changes.
  { cat "$MOD_DIR/go.mod" "$MOD_DIR/go.sum"; echo "recipe 1"; } | sha256sum | cut -d' ' -f1
}

need_build() {
  local f
  for f in etcd kube-apiserver; do [[ -x "$BIN/$f" ]] || return 0; done
  if [[ "$WANT_KCM" == 1 && ! -x "$BIN/kube-controller-manager" ]]; then return 0; fi
  [[ "$(cat "$BIN/.stamp" 2>/dev/null)" == "$(build_stamp)" ]] || return 0
  if node_wanted && node_need_build; then return 0; fi
  return 1
}

check_go() {
  if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then export PATH="/usr/local/go/bin:$PATH"; fi
  command -v go >/dev/null || die "Go is not installed (need Go >= 1.26; see scripts/install-cluster-deps.sh)"
  local v; v="$(GOTOOLCHAIN=local go env GOVERSION)"   # e.g. go1.26.8
  local mm="${v#go}"; local maj="${mm%%.*}"; local rest="${mm#*.}"; local min="${rest%%.*}"
  if (( maj < 1 || (maj == 1 && min < 26) )); then
    die "$v is too old: k8s.io/kubernetes $KUBE_VERSION needs Go >= 1.26"
  fi
}

cmd_build() {
  mkdir -p "$CACHE_ROOT/$KUBE_VERSION"
  exec 8>"$CACHE_ROOT/$KUBE_VERSION/build.lock"
  flock 8   # one build at a time per version, e.g. two test runs starting together
  if ! need_build; then log "binaries for $KUBE_VERSION are cached in $BIN"; return 0; fi
  check_go
  # The node's binaries have their own stamp: build only what is stale.
  local cp_stale=0 f
  for f in etcd kube-apiserver; do [[ -x "$BIN/$f" ]] || cp_stale=1; done
  if [[ "$WANT_KCM" == 1 && ! -x "$BIN/kube-controller-manager" ]]; then cp_stale=1; fi
  [[ "$(cat "$BIN/.stamp" 2>/dev/null)" == "$(build_stamp)" ]] || cp_stale=1
  local t0; t0=$(now_ms)
  local ver="${KUBE_VERSION#v}"; local maj="${ver%%.*}"; local rest="${ver#*.}"; local min="${rest%%.*}"
  local ld="-s -w" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=$maj -X $p.gitMinor=$min"
    ld+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  local tmp="$CACHE_ROOT/$KUBE_VERSION/bin.tmp"
  local blog="$CACHE_ROOT/$KUBE_VERSION/build.log"
  if (( cp_stale == 0 )); then node_build "$ld"; return 0; fi
  rm -rf "$tmp"; mkdir -p "$tmp"
  log "building etcd, kube-apiserver$([[ $WANT_KCM == 1 ]] && echo ', kube-controller-manager') $KUBE_VERSION"
  log "(first time: several minutes on 2 cores; log: $blog)"
  (
    cd "$MOD_DIR"
    export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly -trimpath"
    set -x
    go build -p 2 -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3
    go build -p 2 -ldflags "$ld" -o "$tmp/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
    if [[ "$WANT_KCM" == 1 ]]; then
      go build -p 2 -ldflags "$ld" -o "$tmp/kube-controller-manager" k8s.io/kubernetes/cmd/kube-controller-manager
    fi
  ) >"$blog" 2>&1 || { tail -n 30 "$blog" >&2; die "build failed, see $blog"; }
  build_stamp >"$tmp/.stamp"
  mkdir -p "$BIN"
  for f in "$tmp"/* "$tmp/.stamp"; do mv -f "$f" "$BIN/"; done
  rm -rf "$tmp"
  log "built in $(( ($(now_ms) - t0) / 1000 ))s: $("$BIN/kube-apiserver" --version), etcd $("$BIN/etcd" --version | awk '/etcd Version/ { print $3 }')"
  if node_wanted && node_need_build; then node_build "$ld"; fi
}

# ---------------------------------------------------------------------------------------------
# processes

COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet registry)

# The pid in $RUN/<name>.pid if that process is alive and still runs our binary (guards against
# pid reuse); empty otherwise.
live_pid() {
  local name="$1" f="$RUN/$1.pid" pid exe
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  [[ "$exe" == */"$name" || "$exe" == */"$name (deleted)" ]] && echo "$pid"
  return 0
}

launch() { # name logfile args...
  local name="$1" logf="$2"; shift 2
  # setsid: own session, so the process outlives the shell and terminal that started it.
  # 8>&- 9>&-: do not inherit the build/state lock fds (the daemon would hold the lock forever).
  setsid "$BIN/$name" "$@" </dev/null >>"$logf" 2>&1 8>&- 9>&- &
  local pid=$! i
  echo "$pid" >"$RUN/$name.pid"
  # Until it has exec'd, /proc/<pid>/exe is still bash: live_pid would call it dead.
  for i in $(seq 1 50); do
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$BIN/$name" ]] && break
    alive "$pid" || break
    sleep 0.02
  done
}

alive() { # pid: exists and is not a zombie
  local st
  st="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [[ -n "$st" && "$st" != Z && "$st" != X ]]
}

stop_pid() { # name
  local name="$1" pid i
  pid="$(live_pid "$name")"
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then log "$name ($pid) did not stop in 10s, killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
    for i in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$RUN/$name.pid"
}

port_free() { # no socket uses it, listening or connected
  if command -v ss >/dev/null; then
    ! ss -Htan "sport = :$1" 2>/dev/null | grep -q .
  else
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Ports are picked below the kernel's ephemeral range: a port in it that is free now can become the
# local end of any outgoing connection (the API server's, etcd's) before the component that was given
# it binds, and that component then fails with "address already in use".
port_range() { # prints "first count"
  local low=32768
  [[ -r /proc/sys/net/ipv4/ip_local_port_range ]] && read -r low _ </proc/sys/net/ipv4/ip_local_port_range
  if (( low > 12000 )); then echo "10000 $(( low - 10000 ))"; else echo "20000 30000"; fi
}

free_port() { # prints a free TCP port not in "$@"
  local p i taken first count
  read -r first count < <(port_range)
  for i in $(seq 1 200); do
    p=$(( first + RANDOM % count ))
    taken=0; for t in "$@"; do [[ "$t" == "$p" ]] && taken=1; done
    (( taken == 0 )) && port_free "$p" && { echo "$p"; return 0; }
  done
  die "no free port found"
}

api_curl() { # path [curl args...]
  curl -sS --max-time 5 --cacert "$RUN/pki/ca.crt" --cert "$RUN/pki/admin.crt" --key "$RUN/pki/admin.key" \
    "${@:2}" "https://127.0.0.1:$(cat "$RUN/api.port")$1"
}

# ---------------------------------------------------------------------------------------------
# PKI and kubeconfig

gen_pki() {
  local P="$RUN/pki"; mkdir -p "$P"; chmod 700 "$P"
  local EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  (
    cd "$P"
    # One CA signs the serving cert and the client certs (--client-ca-file).
    openssl req -x509 "${EC[@]}" -keyout ca.key -out ca.crt -days 3650 -subj "/CN=helmts-local-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    issue() { # name subject extensions
      openssl req "${EC[@]}" -keyout "$1.key" -out "$1.csr" -subj "$2"
      printf '%b' "$3" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -out "$1.crt" -extfile "$1.ext"
      rm -f "$1.csr" "$1.ext"
    }
    issue apiserver "/CN=kube-apiserver" \
      'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
    local client='extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n'
    issue admin "/O=system:masters/CN=admin" "$client"
    issue dev "/CN=dev" "$client"
    # KCM runs every controller with its own identity; system:masters keeps it simple locally.
    issue kcm "/O=system:masters/CN=system:kube-controller-manager" "$client"
    node_issue_certs
    # Service-account token signing key.
    openssl ecparam -name prime256v1 -genkey -noout -out sa.key
  ) >"$RUN/logs/pki.log" 2>&1 || { cat "$RUN/logs/pki.log" >&2; die "certificate generation failed"; }
}

b64() { base64 -w0 <"$1"; }

write_kubeconfig() { # file port users...
  local f="$1" port="$2"; shift 2
  local u
  {
    echo "apiVersion: v1"
    echo "kind: Config"
    echo "clusters:"
    echo "- name: helmts-local"
    echo "  cluster:"
    echo "    server: https://127.0.0.1:$port"
    echo "    certificate-authority-data: $(b64 "$RUN/pki/ca.crt")"
    echo "users:"
    for u in "$@"; do
      echo "- name: ${u%%:*}"
      echo "  user:"
      echo "    client-certificate-data: $(b64 "$RUN/pki/${u#*:}.crt")"
      echo "    client-key-data: $(b64 "$RUN/pki/${u#*:}.key")"
    done
    echo "contexts:"
    for u in "$@"; do
      echo "- name: ${u%%:*}"
      echo "  context:"
      echo "    cluster: helmts-local"
      echo "    user: ${u%%:*}"
      echo "    namespace: default"
    done
    echo "current-context: ${1%%:*}"
  } >"$f.tmp"
  chmod 600 "$f.tmp"; mv "$f.tmp" "$f"
}

# ---------------------------------------------------------------------------------------------
# commands

is_running() {
  [[ -n "$(live_pid etcd)" && -n "$(live_pid kube-apiserver)" && -f "$RUN/kubeconfig" ]] || return 1
  local c
  for c in kube-controller-manager kube-scheduler containerd kubelet; do
    if [[ -f "$RUN/$c.pid" && -z "$(live_pid "$c")" ]]; then return 1; fi
  done
  [[ "$(api_curl /readyz 2>/dev/null)" == ok ]]
}

describe() {
  echo "running: https://127.0.0.1:$(cat "$RUN/api.port") ($("$BIN/kube-apiserver" --version 2>/dev/null || echo "kube-apiserver"))"
  local c pid
  for c in "${COMPONENTS[@]}"; do
    pid="$(live_pid "$c")"; [[ -n "$pid" ]] && echo "  $c pid $pid, log $RUN/logs/$c.log"
  done
  node_describe
  echo "  kubeconfig: $RUN/kubeconfig (contexts: admin, dev)"
}

cmd_stop() {
  local c i
  node_stop   # the node first: its pods go while the API server still answers
  for (( i=${#COMPONENTS[@]}-1; i>=0; i-- )); do stop_pid "${COMPONENTS[$i]}"; done
  # Remove the state (etcd data, pki, kubeconfig); keep logs/ for post-mortems.
  if [[ -d "$RUN" ]]; then
    find "$RUN" -mindepth 1 -maxdepth 1 ! -name logs ! -name lock -exec rm -rf {} +
  fi
}

cmd_start() {
  if is_running && { ! node_wanted || [[ -n "$(live_pid kubelet)" ]]; }; then
    log "reusing the running cluster"; describe; return 0
  fi
  cmd_build
  local t0; t0=$(now_ms)
  # Leftovers of a crashed or half-started cluster: stop what is ours, wipe state.
  cmd_stop
  mkdir -p "$RUN/logs"
  local ts; ts="$(date +%Y%m%d-%H%M%S)"
  local c; for c in "${COMPONENTS[@]}"; do
    [[ -f "$RUN/logs/$c.log" ]] && mv "$RUN/logs/$c.log" "$RUN/logs/$c.$ts.log"
  done
  # Keep only a few old logs.
  { ls -1t "$RUN"/logs/*.*-*.log 2>/dev/null || true; } | tail -n +10 | xargs -r rm -f

  gen_pki
  local etcd_port peer_port api_port
  etcd_port=$(free_port); peer_port=$(free_port "$etcd_port"); api_port=$(free_port "$etcd_port" "$peer_port")
  echo "$api_port" >"$RUN/api.port"; echo "$etcd_port" >"$RUN/etcd.port"

  launch etcd "$RUN/logs/etcd.log" \
    --name=helmts-local --data-dir="$RUN/etcd" \
    --listen-client-urls="http://127.0.0.1:$etcd_port" --advertise-client-urls="http://127.0.0.1:$etcd_port" \
    --listen-peer-urls="http://127.0.0.1:$peer_port" --initial-advertise-peer-urls="http://127.0.0.1:$peer_port" \
    --initial-cluster="helmts-local=http://127.0.0.1:$peer_port" \
    --unsafe-no-fsync=true --log-level=warn
  wait_for "etcd /health" etcd 30 etcd_healthy "$etcd_port"

  local admission=(--disable-admission-plugins=ServiceAccount)
  # With KCM the ServiceAccount controller creates `default` SAs, so admission can be as upstream.
  [[ "$WANT_KCM" == 1 ]] && admission=()
  local authz=(--authorization-mode=RBAC)
  # The node: Node authorizer + NodeRestriction, and client certs for apiserver -> kubelet.
  if node_wanted; then mapfile -t authz < <(node_apiserver_flags); fi
  launch kube-apiserver "$RUN/logs/kube-apiserver.log" \
    --etcd-servers="http://127.0.0.1:$etcd_port" --etcd-prefix=/registry \
    --bind-address=127.0.0.1 --secure-port="$api_port" \
    --advertise-address=127.0.0.1 --endpoint-reconciler-type=none \
    --cert-dir="$RUN/pki" \
    --tls-cert-file="$RUN/pki/apiserver.crt" --tls-private-key-file="$RUN/pki/apiserver.key" \
    --client-ca-file="$RUN/pki/ca.crt" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-signing-key-file="$RUN/pki/sa.key" --service-account-key-file="$RUN/pki/sa.key" \
    --service-cluster-ip-range=10.0.0.0/20 \
    "${authz[@]}" \
    "${admission[@]}" \
    --allow-privileged=true --profiling=false --v=0
  wait_for "kube-apiserver /readyz" kube-apiserver "$START_TIMEOUT" api_ready
  write_kubeconfig "$RUN/kubeconfig" "$api_port" admin:admin dev:dev
  wait_for "namespace default" kube-apiserver 30 api_ok /api/v1/namespaces/default

  if [[ "$WANT_KCM" == 1 ]]; then
    write_kubeconfig "$RUN/kcm.kubeconfig" "$api_port" kcm:kcm
    launch kube-controller-manager "$RUN/logs/kube-controller-manager.log" \
      --kubeconfig="$RUN/kcm.kubeconfig" --leader-elect=false --secure-port=0 \
      --service-account-private-key-file="$RUN/pki/sa.key" --root-ca-file="$RUN/pki/ca.crt" \
      --cluster-signing-cert-file="$RUN/pki/ca.crt" --cluster-signing-key-file="$RUN/pki/ca.key" \
      --kube-api-qps=1000 --kube-api-burst=2000 --v=0
    # The `default` ServiceAccount in `default` shows the controllers are running.
    wait_for "kube-controller-manager (default ServiceAccount)" kube-controller-manager 60 \
      api_ok /api/v1/namespaces/default/serviceaccounts/default
  fi
  NODE_READY_MSG=""
  if node_wanted; then node_start; fi
  local ms=$(( $(now_ms) - t0 ))
  [[ -n "$NODE_READY_MSG" ]] && log "$NODE_READY_MSG"
  log "cluster ready in $(( ms / 1000 )).$(( ms % 1000 / 100 ))s (start-up, not counting any build)"
  log "logs: $RUN/logs/{etcd,kube-apiserver$([[ $WANT_KCM == 1 ]] && echo ',kube-controller-manager')$(node_wanted && echo ',kube-scheduler,containerd,kubelet')}.log"
  describe
}

etcd_healthy() { curl -sS --max-time 2 "http://127.0.0.1:$1/health" 2>/dev/null | grep -q '"health":"true"'; }
api_ready() { [[ "$(api_curl /readyz 2>/dev/null)" == ok ]]; }
api_ok() { api_curl "$1" -o /dev/null -f 2>/dev/null; }

wait_for() { # what component timeout-s check args...
  local what="$1" comp="$2" timeout="$3"; shift 3
  local deadline=$(( $(date +%s) + timeout ))
  until "$@"; do
    if [[ -z "$(live_pid "$comp")" ]]; then
      tail -n 20 "$RUN/logs/$comp.log" >&2 || true
      cmd_stop; die "$comp exited during start-up; log: $RUN/logs/$comp.log"
    fi
    if (( $(date +%s) >= deadline )); then
      tail -n 20 "$RUN/logs/$comp.log" >&2 || true
      cmd_stop; die "timed out after ${timeout}s waiting for $what; log: $RUN/logs/$comp.log"
    fi
    sleep 0.2
  done
}

cmd_status() {
  if is_running; then describe; return 0; fi
  echo "not running"
  return 3
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    build) cmd_build ;;
    start|stop)
      mkdir -p "$RUN"
      exec 9>"$RUN/lock"; flock 9   # serialize start/stop of this state dir
      "cmd_$cmd" ;;
    status) cmd_status ;;
    env)
      is_running || die "the cluster is not running (scripts/local-cluster.sh start)"
      echo "export KUBECONFIG=$RUN/kubeconfig"
      node_env ;;
    load-image)
      [[ -n "${2:-}" ]] || die "usage: scripts/local-cluster.sh load-image ARCHIVE (an OCI image archive, see scripts/cluster/README.md)"
      node_load_image "$2" ;;
    kubeconfig) echo "$RUN/kubeconfig" ;;
    registry|registry-stop)
      mkdir -p "$RUN"
      exec 9>"$RUN/lock"; flock 9
      "cmd_${cmd//-/_}" ;;
    *) sed -n '2,31p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; [[ -z "$cmd" || "$cmd" == -h || "$cmd" == --help || "$cmd" == help ]] || exit 2 ;;
  esac
}

main "$@"; exit $?   # one line: bash has read it all, so editing this file mid-run is harmless
