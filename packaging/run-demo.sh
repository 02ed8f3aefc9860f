#!/usr/bin/env bash
# Starts lockstep-fleetsim with the demo fleet and the console on a fresh SQLite store pointed at it.
set -euo pipefail
build="$1"
root=$(cd "$(dirname "$0")/.." && pwd)
# The bundled runbooks call docker, kubectl, pulumi, pg_dump ...; in the demo these are the small
# stand-ins in tests/shims that act on the simulated instances, so every upgrade really runs.
export PATH="$root/tests/shims:$PATH"
data=$(mktemp -d -t lockstep-demo.XXXXXX)
echo "Demo data directory: $data"
"$build/app/fleetsim/lockstep-fleetsim" --demo --port 0 --port-file "$data/fleetsim.port" --seed 42 \
  >"$data/fleetsim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$data/fleetsim.port" ] && break; sleep 0.1; done
[ -s "$data/fleetsim.port" ] || { echo "lockstep-fleetsim did not start; see $data/fleetsim.log" >&2; exit 1; }
port=$(cat "$data/fleetsim.port")
echo "Fleet simulator on http://127.0.0.1:$port"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found; starting the console under xvfb-run (set DISPLAY to use your own)." >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$build/app/gui/lockstep" --data-dir "$data" --demo "http://127.0.0.1:$port"
fi
"$build/app/gui/lockstep" --data-dir "$data" --demo "http://127.0.0.1:$port"
