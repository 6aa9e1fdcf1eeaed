# shellcheck shell=bash
# The local cluster's node: containerd + kubelet + kube-scheduler (see README.md, "The node").
# Sourced by scripts/local-cluster.sh, which defines RUN, BIN, MOD_DIR, CACHE_ROOT, KUBE_VERSION,
# log/die/now_ms, launch/live_pid/stop_pid/free_port/api_curl/wait_for and write_kubeconfig.

NODE_NAME=127.0.0.1   # an IP as the hostname: the node's InternalIP, never the VM's address
CONTAINERD_MOD_DIR="$MOD_DIR/containerd"
CONTAINERD_VERSION="$(awk '$1 == "require" && $2 == "github.com/containerd/containerd/v2" { print $3; exit }
  $1 == "github.com/containerd/containerd/v2" && $2 ~ /^v/ { print $2; exit }' "$CONTAINERD_MOD_DIR/go.mod")"
NODE_BINARIES=(kubelet kube-scheduler containerd containerd-shim-runc-v2 ctr pause)
# Machine-wide bookkeeping shared by every node instance (global iptables chains, ip_forward).
NODE_REGISTRY=/run/helmts-nodes
# Fixed paths the kubelet, containerd and libcni use whatever their configuration: shim sockets,
# container log links, the CNI result cache. Removed (if empty) by the last instance that stops,
# unless they existed before the first one started.
NODE_SHARED_DIRS=(/run/containerd/s /run/containerd /var/log/containers /var/lib/cni/results /var/lib/cni)
# The "kubernetes" Service's ClusterIP: the first address of the apiserver's --service-cluster-ip-range
# (local-cluster.sh), in its serving certificate and in every pod's KUBERNETES_SERVICE_HOST.
API_SERVICE_IP=10.0.0.1
CGROUP_FS=/sys/fs/cgroup

# Everything per instance derives from the state dir, so two clusters (CI and a developer run, or
# two worktrees) get different bridges, subnets, cgroups, sockets and ports.
node_ids() {
  NODE_DIR="$RUN/node"
  NODE_ID="$(realpath -m "$RUN" | sha256sum | cut -c1-8)"
  BRIDGE="hts$NODE_ID"                      # 11 characters (Linux allows 15)
  local a=$((16#${NODE_ID:0:2})) b=$((16#${NODE_ID:2:2}))
  POD_NET="10.$((200 + a % 50)).$b"         # 10.200.0.0-10.249.255.0: clear of the service range 10.0.0.0/20
  POD_SUBNET="$POD_NET.0/24"
  POD_GATEWAY="$POD_NET.1"
  CGROUP_ROOT="/helmts-$NODE_ID"
  CONTAINERD_SOCK="$NODE_DIR/containerd/containerd.sock"
  NFT_TABLE="helmts-$NODE_ID"               # the pods' way to the API server (node_make_pod_network)
}
node_ids

node_wanted() { [[ "${HELMTS_CLUSTER_NODE:-1}" == 1 ]]; }

# ---------------------------------------------------------------------------------------------
# build

node_build_stamp() {
  { cat "$MOD_DIR/go.mod" "$MOD_DIR/go.sum" "$CONTAINERD_MOD_DIR/go.mod" "$CONTAINERD_MOD_DIR/go.sum" \
      "$MOD_DIR/pause/main.go"; echo "node recipe 1"; } | sha256sum | cut -d' ' -f1
}

node_need_build() {
  local f
  for f in "${NODE_BINARIES[@]}"; do [[ -x "$BIN/$f" ]] || return 0; done
  [[ "$(cat "$BIN/.stamp-node" 2>/dev/null)" == "$(node_build_stamp)" ]] || return 0
  return 1
}

# Called by cmd_build with the build lock held and Go checked. $1: the -ldflags of the k8s binaries.
node_build() {
  local ld="$1" t0 t tmp blog
  t0=$(now_ms)
  tmp="$CACHE_ROOT/$KUBE_VERSION/bin-node.tmp"
  blog="$CACHE_ROOT/$KUBE_VERSION/build-node.log"
  rm -rf "$tmp"; mkdir -p "$tmp" "$BIN"
  log "building kubelet, kube-scheduler $KUBE_VERSION, containerd $CONTAINERD_VERSION, pause (log: $blog)"
  : >"$blog"
  timed_build() { # label dir out pkg ldflags [tags]
    local s; s=$(now_ms)
    (cd "$2" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=readonly -trimpath" \
      go build -p 2 ${6:+-tags "$6"} -ldflags "$5" -o "$tmp/$3" "$4") >>"$blog" 2>&1 \
      || { tail -n 30 "$blog" >&2; die "building $1 failed, see $blog"; }
    log "  $1: $(( ($(now_ms) - s) / 1000 ))s"
  }
  timed_build kubelet "$MOD_DIR" kubelet k8s.io/kubernetes/cmd/kubelet "$ld"
  timed_build kube-scheduler "$MOD_DIR" kube-scheduler k8s.io/kubernetes/cmd/kube-scheduler "$ld"
  local cld="-s -w -X github.com/containerd/containerd/v2/version.Version=$CONTAINERD_VERSION"
  local c; for c in containerd containerd-shim-runc-v2 ctr; do
    timed_build "$c" "$CONTAINERD_MOD_DIR" "$c" "github.com/containerd/containerd/v2/cmd/$c" "$cld" "no_btrfs no_devmapper no_zfs"
  done
  timed_build pause "$MOD_DIR" pause ./pause "-s -w"
  for c in "${NODE_BINARIES[@]}"; do mv -f "$tmp/$c" "$BIN/$c"; done
  node_build_stamp >"$BIN/.stamp-node"
  rm -rf "$tmp"
  log "node binaries built in $(( ($(now_ms) - t0) / 1000 ))s"
}

# ---------------------------------------------------------------------------------------------
# PKI (called inside gen_pki's subshell, in $RUN/pki, with its `issue` helper)

node_issue_certs() {
  local client='extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n'
  # apiserver -> kubelet (logs, exec, port-forward); system:masters keeps it simple locally.
  issue kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" "$client"
  # The kubelet's identity: the Node authorizer and NodeRestriction know it as node 127.0.0.1.
  issue node "/O=system:nodes/CN=system:node:$NODE_NAME" "$client"
  issue kubelet-serving "/O=system:nodes/CN=system:node:$NODE_NAME" \
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
  issue scheduler "/CN=system:kube-scheduler" "$client"
}

# Extra kube-apiserver flags when a node runs.
node_apiserver_flags() {
  echo --authorization-mode=Node,RBAC
  echo --enable-admission-plugins=NodeRestriction
  echo --kubelet-client-certificate="$RUN/pki/kubelet-client.crt"
  echo --kubelet-client-key="$RUN/pki/kubelet-client.key"
  echo --kubelet-certificate-authority="$RUN/pki/ca.crt"
}

# ---------------------------------------------------------------------------------------------
# machine-wide bookkeeping

# Registers this instance; the first one on the machine records ip_forward and the nf tables that
# existed, so the last one to stop can restore them.
node_register() {
  mkdir -p "$NODE_REGISTRY"
  (
    flock 7
    if [[ -z "$(node_live_instances)" ]]; then
      sysctl -n net.ipv4.ip_forward >"$NODE_REGISTRY/ip_forward.orig"
      { nft list tables 2>/dev/null || true; } >"$NODE_REGISTRY/nft-tables.orig"
      local d; for d in "${NODE_SHARED_DIRS[@]}"; do [[ -e "$d" ]] && echo "$d"; done >"$NODE_REGISTRY/dirs.orig"
    fi
    echo "$RUN" >"$NODE_REGISTRY/$NODE_ID"
  ) 7>"$NODE_REGISTRY/lock"
}

# Ids of the other registered instances whose kubelet or containerd is still alive.
node_live_instances() {
  local f run pid exe
  for f in "$NODE_REGISTRY"/*; do
    [[ -f "$f" && "$(basename "$f")" =~ ^[0-9a-f]{8}$ && "$(basename "$f")" != "$NODE_ID" ]] || continue
    run="$(cat "$f")"
    local alive=0 c
    for c in kubelet containerd; do
      pid="$(cat "$run/$c.pid" 2>/dev/null || true)"
      [[ "$pid" =~ ^[0-9]+$ ]] || continue
      exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
      [[ "$exe" == */"$c" || "$exe" == */"$c (deleted)" ]] && alive=1
    done
    if (( alive )); then basename "$f"; else rm -f "$f"; fi
  done
}

# The kubelet's chains (KUBE-FIREWALL, KUBE-KUBELET-CANARY, KUBE-IPTABLES-HINT, ...) are global:
# removed only when no other node instance runs, and then every jump to them first.
node_remove_kube_chains() {
  local ipt t chain rule
  for ipt in iptables ip6tables; do
    command -v "$ipt" >/dev/null || continue
    for t in mangle filter nat; do
      "$ipt" -t "$t" -S >/dev/null 2>&1 || continue
      while IFS= read -r rule; do
        # shellcheck disable=SC2086
        eval "$ipt -t $t -D ${rule#-A }" 2>/dev/null || true
      done < <("$ipt" -t "$t" -S 2>/dev/null | grep -E '^-A [A-Z]+ .*-j KUBE-' | grep -vE '^-A KUBE-' || true)
      for chain in $("$ipt" -t "$t" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ { print $2 }'); do
        "$ipt" -t "$t" -F "$chain" 2>/dev/null || true
      done
      for chain in $("$ipt" -t "$t" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ { print $2 }'); do
        "$ipt" -t "$t" -X "$chain" 2>/dev/null || true
      done
    done
  done
  # iptables-nft leaves the tables it created; drop those that did not exist before and are empty.
  if command -v nft >/dev/null && [[ -f "$NODE_REGISTRY/nft-tables.orig" ]]; then
    local fam name
    while read -r _ fam name; do
      [[ -n "$name" ]] || continue
      grep -qx "table $fam $name" "$NODE_REGISTRY/nft-tables.orig" && continue
      # Empty: no rule lines (only table/chain headers and policies).
      if ! nft list table "$fam" "$name" 2>/dev/null | grep -qvE '^\s*(table|chain|type|policy|\}|$)'; then
        nft delete table "$fam" "$name" 2>/dev/null || true
      fi
    done < <(nft list tables 2>/dev/null)
  fi
}

node_unregister() {
  [[ -d "$NODE_REGISTRY" ]] || return 0
  (
    flock 7
    rm -f "$NODE_REGISTRY/$NODE_ID"
    if [[ -z "$(node_live_instances)" ]]; then
      node_remove_kube_chains
      if [[ -f "$NODE_REGISTRY/ip_forward.orig" ]]; then
        sysctl -qw net.ipv4.ip_forward="$(cat "$NODE_REGISTRY/ip_forward.orig")" || true
      fi
      local d
      for d in "${NODE_SHARED_DIRS[@]}"; do
        grep -qx "$d" "$NODE_REGISTRY/dirs.orig" 2>/dev/null || rmdir "$d" 2>/dev/null || true
      done
      rm -f "$NODE_REGISTRY/ip_forward.orig" "$NODE_REGISTRY/nft-tables.orig" "$NODE_REGISTRY/dirs.orig"
    fi
  ) 7>"$NODE_REGISTRY/lock"
}

# ---------------------------------------------------------------------------------------------
# cgroups

cgroup_hierarchies() { # every cgroup v1 hierarchy the kubelet uses (cgroupfs driver)
  local d
  for d in "$CGROUP_FS"/*; do
    [[ -d "$d" && ! -L "$d" ]] || continue
    echo "$d"
  done
}

node_make_cgroups() {
  local h
  for h in $(cgroup_hierarchies); do
    mkdir -p "$h$CGROUP_ROOT"
    if [[ -f "$h/cpuset.cpus" ]]; then   # a new cpuset cgroup starts empty: give it the parent's
      cat "$h/cpuset.cpus" >"$h$CGROUP_ROOT/cpuset.cpus"
      cat "$h/cpuset.mems" >"$h$CGROUP_ROOT/cpuset.mems"
    fi
  done
}

# Kills whatever still runs in our cgroups (containers whose kubelet is gone), then removes them.
node_remove_cgroups() {
  local h pid i
  for h in $(cgroup_hierarchies); do
    [[ -d "$h$CGROUP_ROOT" ]] || continue
    for i in 1 2 3 4 5; do
      local pids; pids="$(find "$h$CGROUP_ROOT" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u)"
      [[ -n "$pids" ]] || break
      for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
      sleep 0.2
    done
    find "$h$CGROUP_ROOT" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    if [[ -d "$h$CGROUP_ROOT" ]]; then log "warning: could not remove cgroup $h$CGROUP_ROOT"; fi
  done
  return 0
}

# ---------------------------------------------------------------------------------------------
# configuration

node_write_config() {
  local kport="$1" hport="$2"
  mkdir -p "$NODE_DIR"/{containerd/certs.d/_default,cni/net.d,cni/ipam,kubelet,pod-logs}
  # Pods resolve through 127.0.0.1 (nothing answers): never the host's real nameserver.
  echo "nameserver 127.0.0.1" >"$NODE_DIR/resolv.conf"
  # Any registry without its own hosts.toml: a closed port on loopback. Pulls fail fast.
  cat >"$NODE_DIR/containerd/certs.d/_default/hosts.toml" <<EOF
server = "http://127.0.0.1:9"
EOF
  cat >"$NODE_DIR/containerd/config.toml" <<EOF
version = 3
root = "$NODE_DIR/containerd/root"
state = "$NODE_DIR/containerd/state"
imports = []
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins.'io.containerd.cri.v1.images']
  snapshotter = 'overlayfs'
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = 'localhost/helmts/pause:1.0'
  [plugins.'io.containerd.cri.v1.images'.registry]
    config_path = '$NODE_DIR/containerd/certs.d'
[plugins.'io.containerd.cri.v1.runtime']
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins.'io.containerd.cri.v1.runtime'.containerd]
    default_runtime_name = 'runc'
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
      runtime_type = 'io.containerd.runc.v2'
      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
        BinaryName = '$(command -v runc)'
        Root = '$NODE_DIR/runc'
        SystemdCgroup = false
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ['/usr/lib/cni']
    conf_dir = '$NODE_DIR/cni/net.d'
[plugins.'io.containerd.grpc.v1.cri']
  stream_server_address = '127.0.0.1'
  stream_server_port = '0'
EOF
  # Pods: one bridge of ours, a /24 of ours, no default route, no masquerading; the gateway address
  # gives the host (kubelet probes) a route to the pods that stays on the bridge. Besides their own
  # subnet, pods have one route: the "kubernetes" Service address via the gateway, where
  # node_make_pod_network hands it to the API server on 127.0.0.1.
  cat >"$NODE_DIR/cni/net.d/10-helmts.conflist" <<EOF
{"cniVersion": "1.0.0", "name": "helmts-pods-$NODE_ID", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "isDefaultGateway": false,
   "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_SUBNET", "gateway": "$POD_GATEWAY"}]],
            "routes": [{"dst": "$API_SERVICE_IP/32"}], "dataDir": "$NODE_DIR/cni/ipam"}},
  {"type": "loopback"}
]}
EOF
  cat >"$NODE_DIR/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: $kport
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $hport
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: $CGROUP_ROOT
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
failSwapOn: false
resolvConf: $NODE_DIR/resolv.conf
clusterDomain: cluster.local
podLogsDir: $NODE_DIR/pod-logs
tlsCertFile: $RUN/pki/kubelet-serving.crt
tlsPrivateKeyFile: $RUN/pki/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $RUN/pki/ca.crt}
authorization: {mode: Webhook}
registerNode: true
rotateCertificates: false
serverTLSBootstrap: false
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
imageGCHighThresholdPercent: 100
# Images here are anonymous (load-image or the local registry): no pull credentials to verify. With
# the default policy the kubelet re-pulls an image it once pulled under another name (the same
# reproducible Tiller image pushed to the registry, then loaded as localhost/...), which fails.
imagePullCredentialsVerificationPolicy: NeverVerify
imageGCLowThresholdPercent: 99
staticPodPath: ""
syncFrequency: 10s
fileCheckFrequency: 10s
nodeStatusUpdateFrequency: 5s
EOF
}

# ---------------------------------------------------------------------------------------------
# start

node_ready() {
  api_curl "/api/v1/nodes/$NODE_NAME" 2>/dev/null | jq -e '.status.conditions[] | select(.type == "Ready") | .status == "True"' >/dev/null 2>&1
}
kubelet_healthy() { [[ "$(curl -sS --max-time 2 "http://127.0.0.1:$(cat "$NODE_DIR/healthz.port")/healthz" 2>/dev/null)" == ok ]]; }
containerd_up() { [[ -S "$CONTAINERD_SOCK" ]] && "$BIN/ctr" --address "$CONTAINERD_SOCK" version >/dev/null 2>&1; }
scheduler_ready() {
  # Its serving cert is self-signed (in scheduler-pki): loopback, our own process.
  [[ "$(curl -sS --max-time 2 -k "https://127.0.0.1:$(cat "$NODE_DIR/scheduler.port")/readyz" 2>/dev/null)" == ok ]]
}

# Checks that the bridge name, nf table and pod subnet are ours to take.
node_check_network() {
  if ip link show "$BRIDGE" >/dev/null 2>&1; then
    die "interface $BRIDGE exists already (another cluster with the same state dir $RUN?); stop it first"
  fi
  if nft list table ip "$NFT_TABLE" >/dev/null 2>&1; then
    die "nf table ip $NFT_TABLE exists already (another cluster with the same state dir $RUN?); stop it first"
  fi
  if ip -4 route show | awk '{ print $1 }' | grep -qx "$POD_SUBNET"; then
    die "the pod subnet $POD_SUBNET derived from $RUN is routed already: use another HELMTS_CLUSTER_DIR"
  fi
}

# The bridge, made before any pod so that it has these settings from the start (the CNI bridge
# plugin takes an existing bridge as it is), and the nf table that gives pods the API server as any
# cluster does: a pod dials the "kubernetes" Service (KUBERNETES_SERVICE_HOST:443, in-cluster
# config), its route sends that to the gateway, and the table rewrites it to the API server on the
# host's 127.0.0.1. route_localnet, on this bridge only, lets the kernel route a packet that came in
# on it to a loopback address (the kubelet's KUBE-FIREWALL lets such packets through only when they
# were DNATed, as these are). Everything else from the pods to the host is dropped, and nothing is
# forwarded off the bridge, so the pods still reach only each other, and the API server. No IPv6 on
# the bridge: no link-local way to the host's services either.
node_make_pod_network() {
  local api_port; api_port="$(cat "$RUN/api.port")"
  ip link add "$BRIDGE" type bridge || die "cannot create the bridge $BRIDGE"
  sysctl -qw "net.ipv6.conf.$BRIDGE.disable_ipv6=1" 2>/dev/null || true
  ip addr add "$POD_GATEWAY/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  sysctl -qw "net.ipv4.conf.$BRIDGE.route_localnet=1"
  nft -f - <<EOF || die "cannot create the nf table ip $NFT_TABLE"
table ip $NFT_TABLE {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    iifname "$BRIDGE" ip daddr $API_SERVICE_IP tcp dport 443 dnat to 127.0.0.1:$api_port
  }
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "$BRIDGE" ct state established,related accept
    iifname "$BRIDGE" ct status dnat ip daddr 127.0.0.1 tcp dport $api_port accept
    iifname "$BRIDGE" drop
  }
  chain forward {
    type filter hook forward priority filter; policy accept;
    iifname "$BRIDGE" oifname != "$BRIDGE" drop
  }
}
EOF
}

# The images the node needs, built here (no registry) and imported into containerd.
node_load_images() {
  local out="$NODE_DIR/images" name file
  command -v node >/dev/null || die "node (Node.js) is needed to build the node's images"
  node "$SCRIPT_DIR/cluster/build-images.mjs" "$out" --pause "$BIN/pause" pause busybox web >"$out.list" 2>>"$RUN/logs/images.log" \
    || { tail -n 5 "$RUN/logs/images.log" >&2; die "building the node's images failed; see $RUN/logs/images.log"; }
  : >"$NODE_DIR/images.txt"
  while read -r name file; do
    "$BIN/ctr" --address "$CONTAINERD_SOCK" -n k8s.io images import "$file" >>"$RUN/logs/images.log" 2>&1 \
      || { tail -n 5 "$RUN/logs/images.log" >&2; die "importing $file failed"; }
    echo "$name" >>"$NODE_DIR/images.txt"
  done <"$out.list"
  rm -rf "$out" "$out.list"
}

node_start() {
  local t0 t_kubelet kport hport sport
  t0=$(now_ms)
  command -v runc >/dev/null || die "runc is not installed (scripts/install-cluster-deps.sh)"
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] \
    || die "the CNI plugins are not installed in /usr/lib/cni (scripts/install-cluster-deps.sh)"
  command -v jq >/dev/null || die "jq is not installed (scripts/install-cluster-deps.sh)"
  command -v nft >/dev/null || die "nft is not installed (scripts/install-cluster-deps.sh)"
  node_check_network
  kport=$(free_port); hport=$(free_port "$kport"); sport=$(free_port "$kport" "$hport")
  mkdir -p "$NODE_DIR"
  echo "$kport" >"$NODE_DIR/kubelet.port"; echo "$hport" >"$NODE_DIR/healthz.port"; echo "$sport" >"$NODE_DIR/scheduler.port"
  node_write_config "$kport" "$hport"
  node_register
  node_make_cgroups
  node_make_pod_network

  # containerd: never reaches a registry (proxy and hosts.toml point at a closed loopback port);
  # its own shim first on PATH.
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY= http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
    PATH="$BIN:$PATH" launch containerd "$RUN/logs/containerd.log" --config "$NODE_DIR/containerd/config.toml" --log-level info
  wait_for "containerd" containerd 30 containerd_up
  node_load_images

  write_kubeconfig "$NODE_DIR/kubelet.kubeconfig" "$(cat "$RUN/api.port")" "node:node"
  write_kubeconfig "$NODE_DIR/scheduler.kubeconfig" "$(cat "$RUN/api.port")" "scheduler:scheduler"
  local k="$NODE_DIR/scheduler.kubeconfig"
  launch kube-scheduler "$RUN/logs/kube-scheduler.log" --kubeconfig="$k" \
    --authentication-kubeconfig="$k" --authorization-kubeconfig="$k" --leader-elect=false \
    --bind-address=127.0.0.1 --secure-port="$sport" --cert-dir="$NODE_DIR/scheduler-pki" --v=0

  t_kubelet=$(now_ms)
  PATH="$BIN:$PATH" launch kubelet "$RUN/logs/kubelet.log" --config="$NODE_DIR/kubelet.yaml" \
    --kubeconfig="$NODE_DIR/kubelet.kubeconfig" --root-dir="$NODE_DIR/kubelet" --cert-dir="$NODE_DIR/kubelet/pki" \
    --hostname-override="$NODE_NAME" --v=1
  wait_for "kube-scheduler /readyz" kube-scheduler 60 scheduler_ready
  wait_for "node $NODE_NAME Ready" kubelet 60 node_ready
  local now; now=$(now_ms)
  NODE_READY_MSG="node $NODE_NAME Ready $(( (now - t_kubelet) / 1000 )).$(( (now - t_kubelet) % 1000 / 100 ))s after the kubelet started ($(( (now - t0) / 1000 )).$(( (now - t0) % 1000 / 100 ))s with containerd, images and scheduler)"
}

# ---------------------------------------------------------------------------------------------
# stop

# Deletes every pod bound to the node through the API and waits until the kubelet has taken each
# down (a pod object goes away only once its containers, sandbox and volumes are gone).
node_drain() {
  [[ -n "$(live_pid kubelet)" && -n "$(live_pid kube-apiserver)" && -f "$RUN/api.port" ]] || return 0
  local pods deadline
  pods() { api_curl "/api/v1/pods?fieldSelector=spec.nodeName%3D$NODE_NAME" 2>/dev/null \
    | jq -r '.items[]? | "\(.metadata.namespace)/\(.metadata.name)"'; }
  local p
  for p in $(pods); do
    api_curl "/api/v1/namespaces/${p%%/*}/pods/${p#*/}" -X DELETE -H 'Content-Type: application/json' \
      -d '{"gracePeriodSeconds":1}' -o /dev/null 2>/dev/null || true
  done
  deadline=$(( $(date +%s) + 30 ))
  while [[ -n "$(pods)" ]]; do
    (( $(date +%s) < deadline )) || { log "warning: pods still on the node after 30s: $(pods | tr '\n' ' ')"; break; }
    sleep 0.2
  done
}

# Leftovers of this instance, whatever state it was left in: processes, mounts, the bridge,
# cgroups, and (if it is the last instance) the kubelet's global iptables chains and ip_forward.
node_cleanup() {
  local pid cmd m
  # Shims of our containerd (a shim outlives containerd by design).
  for pid in $(pgrep -f containerd-shim-runc-v2 2>/dev/null || true); do
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmd" == *"-address $CONTAINERD_SOCK "* || "$cmd" == *"-address $CONTAINERD_SOCK" ]] && kill -KILL "$pid" 2>/dev/null || true
  done
  node_remove_cgroups
  if [[ -d "$NODE_DIR" ]]; then
    # Deepest first: overlay rootfs, shm, projected volumes, netns (nsfs), the kubelet's self bind mount.
    for m in $(awk -v d="$NODE_DIR" 'index($2, d "/") == 1 || $2 == d { print $2 }' /proc/self/mounts | sort -r); do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "warning: could not unmount $m"
    done
  fi
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link del "$BRIDGE" || log "warning: could not delete $BRIDGE"; fi
  if nft list table ip "$NFT_TABLE" >/dev/null 2>&1; then
    nft delete table ip "$NFT_TABLE" || log "warning: could not delete the nf table ip $NFT_TABLE"
  fi
  # The kubelet's links to our pods' logs (it removes them only when it garbage-collects containers).
  local l
  for l in /var/log/containers/*.log; do
    [[ -L "$l" && "$(readlink "$l")" == "$NODE_DIR/"* ]] && rm -f "$l"
  done
  # libcni's result cache for our network (normally gone after each CNI DEL).
  rm -f "/var/lib/cni/results/helmts-pods-$NODE_ID-"* 2>/dev/null || true
  node_unregister
}

node_stop() {
  [[ -n "$(live_pid kubelet)$(live_pid containerd)$(live_pid kube-scheduler)" || -d "$NODE_DIR" ]] || return 0
  # No new pods are scheduled or created while the node drains.
  stop_pid kube-scheduler
  stop_pid kube-controller-manager
  node_drain
  stop_pid kubelet
  stop_pid containerd
  node_cleanup
}

node_describe() {
  [[ -n "$(live_pid kubelet)" ]] || return 0
  echo "  node $NODE_NAME: bridge $BRIDGE, pods $POD_SUBNET, cgroups $CGROUP_ROOT, kubelet 127.0.0.1:$(cat "$NODE_DIR/kubelet.port")"
  echo "  containerd socket $CONTAINERD_SOCK; images: $(tr '\n' ' ' <"$NODE_DIR/images.txt" 2>/dev/null)"
}

node_env() {
  [[ -f "$NODE_DIR/images.txt" && -n "$(live_pid kubelet)" ]] || return 0
  echo "export HELMTS_CLUSTER_NODE_NAME=$NODE_NAME"
  echo "export HELMTS_CLUSTER_BUSYBOX_IMAGE=$(grep /busybox: "$NODE_DIR/images.txt")"
  echo "export HELMTS_CLUSTER_PAUSE_IMAGE=$(grep /pause: "$NODE_DIR/images.txt")"
  echo "export HELMTS_CLUSTER_WEB_IMAGE=$(grep /web: "$NODE_DIR/images.txt")"
}

# scripts/local-cluster.sh load-image ARCHIVE
node_load_image() {
  local file="$1" out
  [[ -f "$file" ]] || die "no such image archive: $file"
  [[ -n "$(live_pid containerd)" ]] || die "the node is not running (scripts/local-cluster.sh start)"
  out="$("$BIN/ctr" --address "$CONTAINERD_SOCK" -n k8s.io images import "$file" 2>&1)" \
    || die "importing $file failed: $(grep -v DEPRECATION <<<"$out" | tail -n 3)"
  grep -v DEPRECATION <<<"$out" >&2 || true
}
