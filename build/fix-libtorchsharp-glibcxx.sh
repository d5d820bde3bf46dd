#!/usr/bin/env bash
# Makes TorchSharp's native library load on hosts whose libstdc++ predates GCC 13 (Debian 12 stops at
# GLIBCXX_3.4.30). libLibTorchSharp.so 0.107.0 needs GLIBCXX_3.4.32 for one symbol only,
# std::ios_base_library_init(), a hook that does nothing. So: mark that version need weak, and provide the
# symbol from a tiny shim library added as a needed library (found through the library's $ORIGIN runpath).
#
# Usage: fix-libtorchsharp-glibcxx.sh PATH/TO/libLibTorchSharp.so...
# Runs on copies in build outputs only (never on the NuGet cache), does nothing where the host has the
# version, and is idempotent.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
version=GLIBCXX_3.4.32
shim_name=libvocabtrim_glibcxx_shim.so

host_libstdcxx="$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')"
if [ -z "$host_libstdcxx" ]; then
  host_libstdcxx="$(g++ -print-file-name=libstdc++.so.6 2>/dev/null || true)"
fi
if [ -n "$host_libstdcxx" ] && grep -aq "$version" "$host_libstdcxx"; then
  exit 0  # the host's libstdc++ is new enough
fi

for tool in patchelf g++ python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool is needed to make libLibTorchSharp.so load on this host (apt-get install patchelf g++ python3)" >&2
    exit 1
  fi
done

for lib in "$@"; do
  dir="$(dirname "$lib")"
  # Skip when done before: the shim is needed and sits beside the library (weak flag is checked below).
  if patchelf --print-needed "$lib" | grep -qx "$shim_name" && [ -f "$dir/$shim_name" ] \
     && [ "$(python3 "$here/elf_weak_version.py" "$lib" "$version" 2>/dev/null)" = "already weak" ]; then
    continue
  fi
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo 'namespace std { void ios_base_library_init() {} }' > "$tmp/shim.cpp"
  g++ -shared -fPIC -O2 -o "$tmp/$shim_name" "$tmp/shim.cpp"
  # Patch a private copy, then move it over: the output file may be a hard link into the NuGet cache.
  cp "$lib" "$tmp/lib.so"
  python3 "$here/elf_weak_version.py" "$tmp/lib.so" "$version" >/dev/null
  if ! patchelf --print-needed "$tmp/lib.so" | grep -qx "$shim_name"; then
    patchelf --add-needed "$shim_name" "$tmp/lib.so"
  fi
  cp "$tmp/$shim_name" "$dir/$shim_name.new" && mv -f "$dir/$shim_name.new" "$dir/$shim_name"
  cp "$tmp/lib.so" "$lib.new" && mv -f "$lib.new" "$lib"
  rm -rf "$tmp"
  trap - EXIT
  echo "patched $lib for a libstdc++ without $version"
done
