#!/usr/bin/env bash
# The main job on an embedded default, from a fresh clone: install and build, start the local
# Kubernetes cluster with its node (scripts/local-cluster.sh) and its image registry, build the
# Tiller image and push it there (the node's kubelet pulls it, as on any cluster),
# `helmts init --wait` (Tiller in the cluster, mutual TLS), then create a chart, install it,
# upgrade it with --set, roll back, show history and status, all through the port-forward tunnel
# (no --host, no local Tiller), `helmts reset`, and stop everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

helmts() { node packages/core/bin/run.cjs "$@"; }
work=$(mktemp -d)
started_cluster=""
started_registry=""
cleanup() {
  helmts reset --force >/dev/null 2>&1 || true
  if [ -n "$started_registry" ]; then scripts/local-cluster.sh registry-stop >/dev/null 2>&1 || true; fi
  if [ -n "$started_cluster" ]; then scripts/local-cluster.sh stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export HELMTS_HOME="$work/home" TILLER_NAMESPACE=helmts-demo
unset HELMTS_HOST HELM_HOST

step() { printf '\n\033[1m$ helmts %s\033[0m\n' "$*"; }

step version --client; helmts version --client
# --skip-repos: the demo never reaches the internet (init would download the stable repository's index)
step init --client-only --skip-repos; helmts init --client-only --skip-repos >/dev/null && echo "HELMTS_HOME=$HELMTS_HOME"
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

echo; echo "==> the cluster's image registry (CNCF Distribution on 127.0.0.1); the Tiller image built and pushed to it"
scripts/local-cluster.sh status 2>/dev/null | grep -q '^  registry pid' || started_registry=1
registry=$(scripts/local-cluster.sh registry)
image="$registry/helmts/tiller:demo"
node packages/tiller-image/dist/bin/tiller-image.js --out "$work/tiller.tar" --push "$image"
# Tiller runs as on any cluster: a pod on the pod network, which reaches the API server through
# the "kubernetes" Service; clients reach it through the API server's port-forward.
step init --tls-gen --cluster-wide --tiller-image $image --wait
helmts init --tls-gen --cluster-wide --tiller-image "$image" --wait
kubectl -n "$TILLER_NAMESPACE" get pods -l app=helm,name=tiller -o wide
export HELM_TLS_VERIFY=1 # the client certificate init --tls-gen wrote to $HELMTS_HOME

# The chart's nginx cannot be pulled here (no registry): the demo's pods use the node's web image
# (busybox httpd on port 80, built by scripts/local-cluster.sh) and the steps wait for readiness.
app=()
if [ -n "${HELMTS_CLUSTER_WEB_IMAGE:-}" ]; then
  app=(--set "image.repository=${HELMTS_CLUSTER_WEB_IMAGE%:*}" --set "image.tag=${HELMTS_CLUSTER_WEB_IMAGE##*:}")
fi
wait=(--wait --timeout 120)
step install "$work/demo" --name demo --namespace demo "${app[@]}" "${wait[@]}"
helmts install "$work/demo" --name demo --namespace demo "${app[@]}" "${wait[@]}" --progress plain
step upgrade demo "$work/demo" --reuse-values --set replicaCount=2 "${wait[@]}"
helmts upgrade demo "$work/demo" --reuse-values --set replicaCount=2 "${wait[@]}" --progress plain
step diff demo "$work/demo" --reuse-values --set replicaCount=3
helmts diff demo "$work/demo" --reuse-values --set replicaCount=3
step rollback demo 1 "${wait[@]}"; helmts rollback demo 1 "${wait[@]}"
step history demo; helmts history demo
# status lists the live objects as Helm 2 does: the pods the kubelet runs are under v1/Pod(related)
step status demo; helmts status demo
step list; helmts list
step delete demo --purge; helmts delete demo --purge
step reset --force; helmts reset --force
