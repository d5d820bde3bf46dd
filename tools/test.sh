#!/usr/bin/env bash
# The test command: installs the reference implementations the tests compare against, then runs every test.
#   tools/test.sh [dotnet test options...]
# References: Debian's sentencepiece (spm_encode, spm_train) and its Python binding, PyYAML (model-card front
# matter), and Node with npm's Hugging Face "tokenizers" pinned in tests/reference-node. Each is installed only
# when missing; apt-get needs root (or sudo). Nothing here is needed to build or run vocabtrim itself.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v spm_encode >/dev/null 2>&1 || need_apt+=(sentencepiece)
/usr/bin/python3 -c 'import sentencepiece' >/dev/null 2>&1 || need_apt+=(python3-sentencepiece)
/usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || need_apt+=(python3-yaml)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing reference tools: ${need_apt[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: run as root or install: apt-get install ${need_apt[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
[ -d tests/reference-node/node_modules/tokenizers ] || npm ci --prefix tests/reference-node --no-audit --no-fund

exec dotnet test VocabTrim.sln "$@"
