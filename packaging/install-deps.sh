#!/usr/bin/env bash
# Installs everything Lockstep needs to build, run its demo and pass its tests on Debian 12,
# by package name: the list is packaging/deps.txt. Safe to run again; does nothing when all packages
# are present.
#   install-deps.sh          install what is missing (as root, or through sudo)
#   install-deps.sh --list   print the package names, one a line (what tst_installdeps checks against)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# One name per word; '#' starts a comment.
mapfile -t packages < <(sed 's/#.*//' "$here/deps.txt" | tr -s ' \t' '\n\n' | sed '/^$/d')
[ ${#packages[@]} -gt 0 ] || { echo "install-deps: no package names in $here/deps.txt" >&2; exit 1; }

case "${1:-}" in
  --list) printf '%s\n' "${packages[@]}"; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--list]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
