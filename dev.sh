#!/usr/bin/env bash
# Lockstep's two set-up commands (see README.md):
#   ./dev.sh demo   install what is missing, build, start the fleet simulator and the console on it
#   ./dev.sh test   install what is missing, build, run the whole test suite
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
build="${LOCKSTEP_BUILD_DIR:-$root/build}"
# ccache keys on relative paths below the checkout, so every clone on a machine shares one cache.
export CCACHE_BASEDIR="$root"
# ...and not on the build directory either (ccache hashes it into -g builds by default).
export CCACHE_NOHASHDIR=1

deps() { "$root/packaging/install-deps.sh"; }

configure_and_build() {
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build "$build" --parallel "$(nproc)"
}

case "${1:-}" in
  demo)
    deps
    configure_and_build
    exec "$root/packaging/run-demo.sh" "$build"
    ;;
  test)
    deps
    configure_and_build
    cd "$build"
    # Tests start real peers on free loopback ports; two at a time fit a 2-core machine.
    ctest --output-on-failure --timeout 600 -j "${LOCKSTEP_TEST_JOBS:-2}"
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
