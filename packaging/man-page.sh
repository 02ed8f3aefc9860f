#!/bin/sh
# Writes a program's manual page, gzipped as Debian wants it, from the program's own help (the build runs
# this; see packaging/CMakeLists.txt):
#   man-page.sh OUT.1.gz help2man PROGRAM "what it is"   help2man reads PROGRAM --help and --version
#   man-page.sh OUT.1.gz roff PROGRAM ARGS...            PROGRAM ARGS prints the page itself (lockstep-cli help --man)
# English whatever the builder's locale; no display needed (the programs answer --help without one).
set -eu
out=$1 kind=$2 program=$3
shift 3
export LC_ALL=C.UTF-8 LANGUAGE=
unset DISPLAY WAYLAND_DISPLAY
tmp="$out.tmp"
case "$kind" in
  help2man)
    command -v help2man >/dev/null || { echo "man-page.sh: help2man not found: install the Debian package help2man (packaging/install-deps.sh)" >&2; exit 1; }
    # SEE ALSO: the package's other programs.
    name=$(basename "$program")
    others=""
    for other in lockstep lockstep-cli lockstep-fleetsim; do
      [ "$other" = "$name" ] || others="$others $other"
    done
    {
      echo "[SEE ALSO]"
      # ".BR a (1)," for each but the last; roff wants "\-" for a hyphen in a name.
      echo $others | sed 's/-/\\-/g; s/\([^ ]*\)/.BR \1 (1),/g; s/ \.BR/\n.BR/g; s/,$//'
    } >"$out.h2m"
    help2man --no-info --no-discard-stderr --section 1 --name "$1" --include "$out.h2m" --output "$tmp" "$program"
    rm -f "$out.h2m" ;;
  roff)
    "$program" "$@" >"$tmp" ;;
  *)
    echo "usage: $0 OUT.1.gz help2man|roff PROGRAM ..." >&2; exit 2 ;;
esac
gzip -9n <"$tmp" >"$out"
rm -f "$tmp"
