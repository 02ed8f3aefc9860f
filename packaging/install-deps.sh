#!/usr/bin/env bash
# Installs everything Lockstep needs to build, run its demo and pass its tests on Debian 12,
# by package name. Safe to run again; does nothing when all packages are present.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build git pkg-config ca-certificates ccache file dpkg-dev
  # the tool shims of tests/shims (bundled runbooks end to end) talk to lockstep-fleetsim with curl
  curl
  # Qt 6 and the libraries Lockstep links
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
  libqt6sql6-sqlite libqt6sql6-psql qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libspdlog-dev libssh-dev libyaml-cpp-dev libbenchmark-dev
  # real peers the tests start on 127.0.0.1
  openssh-server openssh-client prometheus postgresql
  # GUI tests, screenshots and report checks
  xvfb xauth poppler-utils
  # benchmark peers
  pssh clustershell ansible-core
)

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
