#!/usr/bin/env bash
# Installs the system packages the test suite drives besides the local cluster's, non-interactively,
# on a fresh Debian machine (scripts/test.sh calls it; nothing happens when they are there):
#   zsh, bash-completion  the shells `helmts completion bash|zsh` is tested in (core's completion tests)
#   tmux                  a real terminal for those tests to press TAB in
set -euo pipefail

missing=()
command -v zsh >/dev/null || missing+=(zsh)
[[ -f /usr/share/bash-completion/bash_completion ]] || missing+=(bash-completion)
command -v tmux >/dev/null || missing+=(tmux)

if ((${#missing[@]})); then
  echo "install-test-deps: installing ${missing[*]}" >&2
  SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
