#!/usr/bin/env bash
# Reports every line of a C# source over the house limit as `path:line: N characters (limit 120)`
# and exits 1 when there is one. Arguments: files or folders to check (default: the whole repository).
# Only tracked and new, not ignored, *.cs files count; generated *.g.cs files and the files listed in
# tools/format/line-length-exempt.txt (with their reasons) are exempt.
set -euo pipefail

limit=120
root=$(git rev-parse --show-toplevel 2>/dev/null) || { echo "check-line-length: not inside a git work tree" >&2; exit 2; }
if [ $# -eq 0 ]; then
    cd "$root"
    set -- .
fi
# git ls-files prints paths relative to the current folder; the exempt list's are relative to the root.
exempt=$(grep -v '^#' "$root/tools/format/line-length-exempt.txt" | while read -r file; do
    [ -n "$file" ] && realpath -m --relative-to=. "$root/$file"
done || true)
for path in "$@"; do
    [ -e "$path" ] || { echo "check-line-length: $path: no such file or folder" >&2; exit 2; }
done

# Characters, not bytes: awk runs in the C locale (mawk, the Debian default, has no other) and drops
# UTF-8 continuation bytes before measuring, so `→` counts as one character under any awk.
report=$(git ls-files -z --cached --others --exclude-standard -- "$@" \
    | { grep -z '\.cs$' || true; } | { grep -zv '\.g\.cs$' || true; } \
    | { grep -zvxF -e "${exempt:-/}" || true; } \
    | xargs -0 -r env LC_ALL=C awk -v limit="$limit" '
        {
            line = $0
            sub(/\r$/, "", line)
            gsub(/[\200-\277]/, "", line)
            if (length(line) > limit)
                printf "%s:%d: %d characters (limit %d)\n", FILENAME, FNR, length(line), limit
        }')
if [ -n "$report" ]; then
    printf '%s\n' "$report"
    exit 1
fi
