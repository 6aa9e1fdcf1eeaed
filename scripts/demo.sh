#!/usr/bin/env bash
# The main job on an embedded default, from a fresh clone: install and build, start the local
# Kubernetes API server (scripts/local-cluster.sh) and a local Tiller, create a chart, install it,
# upgrade it with --set, roll back, show history and status, and stop everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

helmts() { node packages/core/bin/run.cjs "$@"; }
work=$(mktemp -d)
started_cluster=""
cleanup() {
  helmts tiller stop >/dev/null 2>&1 || true
  if [ -n "$started_cluster" ]; then scripts/local-cluster.sh stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export HELMTS_HOME="$work/home" TILLER_NAMESPACE=helmts-demo

step() { printf '\n\033[1m$ helmts %s\033[0m\n' "$*"; }

step version --client; helmts version --client
step init --client-only; helmts init --client-only >/dev/null && echo "HELMTS_HOME=$HELMTS_HOME"
step create "$work/demo" --yes; helmts create "$work/demo" --yes
step lint "$work/demo"; helmts lint "$work/demo"
step template demo "$work/demo" --show-only templates/service.yaml
helmts template demo "$work/demo" --show-only templates/service.yaml

if ! scripts/local-cluster.sh status >/dev/null 2>&1; then
  echo; echo "==> starting the local Kubernetes API server (first run builds it from Go modules)"
  scripts/local-cluster.sh start
  started_cluster=1
fi
eval "$(scripts/local-cluster.sh env)"
kubectl create namespace "$TILLER_NAMESPACE" >/dev/null 2>&1 || true

step tiller start; helmts tiller start
# With the cluster's node the pods really run: the chart's nginx cannot be pulled here (no registry),
# so the demo uses the node's web image (busybox httpd on port 80, built by scripts/local-cluster.sh)
# and waits for readiness. Without a node (HELMTS_CLUSTER_NODE=0) pods stay Pending: no --wait.
image=() wait=()
if [ -n "${HELMTS_CLUSTER_WEB_IMAGE:-}" ]; then
  image=(--set "image.repository=${HELMTS_CLUSTER_WEB_IMAGE%:*}" --set "image.tag=${HELMTS_CLUSTER_WEB_IMAGE##*:}")
  wait=(--wait --timeout 120)
fi
step install "$work/demo" --name demo --namespace demo "${image[@]}" "${wait[@]}"
helmts install "$work/demo" --name demo --namespace demo "${image[@]}" "${wait[@]}" --progress plain
step upgrade demo "$work/demo" --reuse-values --set replicaCount=2 "${wait[@]}"
helmts upgrade demo "$work/demo" --reuse-values --set replicaCount=2 "${wait[@]}" --progress plain
step diff demo "$work/demo" --reuse-values --set replicaCount=3
helmts diff demo "$work/demo" --reuse-values --set replicaCount=3
step rollback demo 1 "${wait[@]}"; helmts rollback demo 1 "${wait[@]}"
step history demo; helmts history demo
step status demo; helmts status demo
step list; helmts list
step delete demo --purge; helmts delete demo --purge
step tiller stop; helmts tiller stop
