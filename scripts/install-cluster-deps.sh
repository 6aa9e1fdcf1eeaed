#!/usr/bin/env bash
# Installs what scripts/local-cluster.sh needs on a fresh Debian machine, non-interactively, then
# builds (or finds cached) etcd / kube-apiserver / kube-controller-manager and, for the node,
# kubelet / kube-scheduler / containerd / pause.
#   scripts/install-cluster-deps.sh            packages + build
#   scripts/install-cluster-deps.sh --no-build packages only
# Needs: Go >= 1.26 (not from apt: Debian's golang is older; the machine image provides it),
# openssl (PKI), curl (health checks), iproute2 (ss: free ports), util-linux (flock, setsid).
# etcd is built from the Go module graph (3.6.x), so no etcd-server package is needed.
# The node (unless HELMTS_CLUSTER_NODE=0): runc (OCI runtime), containernetworking-plugins (CNI bridge,
# host-local, loopback; pulls in iptables, which the kubelet uses), busybox-static (the test image),
# jq (node readiness), nftables (`nft`: removes the empty tables iptables-nft leaves). containerd is
# built from Go modules (Debian's 1.6 lacks the CRI RuntimeConfig call kubelet 1.37 will require).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl ca-certificates)
command -v ss >/dev/null || missing+=(iproute2)
{ command -v flock >/dev/null && command -v setsid >/dev/null; } || missing+=(util-linux)
command -v base64 >/dev/null || missing+=(coreutils)
if [[ "${HELMTS_CLUSTER_NODE:-1}" == 1 ]]; then
  command -v runc >/dev/null || missing+=(runc)
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] || missing+=(containernetworking-plugins)
  command -v iptables >/dev/null || missing+=(iptables)
  [[ -x /bin/busybox ]] && ! ldd /bin/busybox >/dev/null 2>&1 || missing+=(busybox-static)
  command -v jq >/dev/null || missing+=(jq)
  command -v nft >/dev/null || missing+=(nftables)
fi

if ((${#missing[@]})); then
  echo "install-cluster-deps: installing ${missing[*]}" >&2
  SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v go >/dev/null; then
  for d in /usr/local/go/bin /usr/lib/go/bin; do [[ -x $d/go ]] && export PATH="$d:$PATH" && break; done
fi
command -v go >/dev/null || { echo "install-cluster-deps: Go >= 1.26 is required and not installed" >&2; exit 1; }

[[ "${1:-}" == --no-build ]] || "$here/local-cluster.sh" build
