#!/usr/bin/env bash
# Starts lockstep-fleetsim with the demo fleet, the demo's own peers (a loopback sshd for the hosts of
# graph-api and the platform, a Prometheus for PromQL gates) and the console on a fresh SQLite store pointed at all of it,
# so each of the five bundled upgrades can be clicked through (docs/runbooks.md, "The demo").
set -euo pipefail
build="$1"
root=$(cd "$(dirname "$0")/.." && pwd)
# The bundled runbooks call docker, kubectl, pulumi, pg_dump ...; in the demo these are the small
# stand-ins in tests/shims that act on the simulated instances, so every upgrade really runs.
export PATH="$root/tests/shims:$PATH"
data=$(mktemp -d -t lockstep-demo.XXXXXX)
# The demo's time scale (docs/upgrade-flow.md, "Demo time scale"): the bundled runbooks' observations,
# gate intervals and waits divided by it, so a canary with its gates and an approval takes about a
# minute. LOCKSTEP_TIME_SCALE=1 runs them with their real timings.
time_scale=${LOCKSTEP_TIME_SCALE:-20}
if [ "$time_scale" -gt 1 ]; then export LOCKSTEP_DEMO_SCRAPE_INTERVAL=${LOCKSTEP_DEMO_SCRAPE_INTERVAL:-1s}; fi
export LOCKSTEP_SHIM_STATE="$data/shim-state"
echo "Demo data directory: $data (demo time scale x$time_scale)"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# wait_port PORT SECONDS: until something listens on 127.0.0.1:PORT.
wait_port() {
  for _ in $(seq 1 $(($2 * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# graph-api's and the platform's steps run on their hosts over SSH: each of those instances is an
# ssh_config alias of its own name, served by the demo's sshd, and fleetsim's inventory names it as the
# instance's ssh target.
ssh_hosts=()
for product in graph platform; do
  for h in staging-1 staging-2 prod-1 prod-2 prod-3 prod-4; do ssh_hosts+=("$product-$h"); done
done
ssh_args=()
for h in "${ssh_hosts[@]}"; do ssh_args+=(--ssh "$h=$h"); done
"$build/app/fleetsim/lockstep-fleetsim" --demo --port 0 --port-file "$data/fleetsim.port" --seed 42 "${ssh_args[@]}" \
  >"$data/fleetsim.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$data/fleetsim.port" ] && break; sleep 0.1; done
[ -s "$data/fleetsim.port" ] || { echo "lockstep-fleetsim did not start; see $data/fleetsim.log" >&2; exit 1; }
port=$(cat "$data/fleetsim.port")
sim="http://127.0.0.1:$port"
echo "Fleet simulator on $sim"

settings=()
"$root/packaging/demo-peers.sh" sshd "$data/ssh" "$sim/api" "$root/tests/shims" "$LOCKSTEP_SHIM_STATE" "${ssh_hosts[@]}" \
  >"$data/sshd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$data/ssh/ports" ] && break; sleep 0.1; done
if [ -s "$data/ssh/ports" ] && wait_port "$(head -n 1 "$data/ssh/ports" | cut -d' ' -f2)" 10; then
  echo "Demo sshd for graph-api's and the platform's hosts: $data/ssh/ssh_config"
  settings+=("ssh/configFile=$data/ssh/ssh_config" "ssh/knownHostsFile=$data/ssh/known_hosts")
else
  echo "The demo sshd did not start (graph-api's and the platform's ssh steps will fail); see $data/sshd.log" >&2
fi

instances=$(curl -s "$sim/api/instances" | grep -o '"name":"[^"]*"' | sed 's/"name":"//; s/"$//')
# shellcheck disable=SC2086 # one word per instance name
"$root/packaging/demo-peers.sh" prometheus "$data/prometheus" "$sim" $instances >"$data/prometheus.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$data/prometheus/url" ] && break; sleep 0.1; done
prometheus=$(cat "$data/prometheus/url" 2>/dev/null || true)
if [ -n "$prometheus" ] && wait_port "${prometheus##*:}" 20; then
  echo "Demo Prometheus on $prometheus"
  settings+=("metrics/prometheusUrl=$prometheus")
else
  echo "The demo Prometheus did not start (realtime-server's PromQL gate will be refused); see $data/prometheus.log" >&2
fi

# Where the bundled runbooks keep their files on the simulated hosts: directories of the demo's own,
# offered in the plan page's parameter field (the operator can change them there).
mkdir -p "$data/hosts/config" "$data/hosts/app" "$data/hosts/backups" "$data/hosts/infra"
echo '{"release":"demo"}' >"$data/hosts/config/config.json"
# The commit the demo's graph-api hosts run (3.7.0) in the git stand-in's checkout: what its rollback
# checks out (tests/shims/git names each release's commit by the SHA-1 of "PRODUCT@VERSION").
graph_sha=$(printf 'graph-api@3.7.0' | sha1sum | cut -c1-7)
settings+=(
  "demo/timeScale=$time_scale"
  "runbooks/platform-instance-upgrade/params=config_dir=$data/hosts/config"
  "runbooks/graph-api-version-bump/params=app_dir=$data/hosts/app, backup_dir=$data/hosts/backups, previous_sha=$graph_sha"
  "runbooks/selfhosted-semver-upgrade/params=stack_dir=$data/hosts/infra, backup_dir=$data/hosts/backups"
  "runbooks/message-center-k8s-upgrade/params=expected_schema=22, backup_dir=$data/hosts/backups"
)
printf '%s\n' "${settings[@]}" | "$root/packaging/demo-peers.sh" settings "$data/lockstep.ini"
# message-center's runbook reads the MongoDB URI as a secret from the environment.
export LOCKSTEP_SECRET_MONGODB_URI="mongodb://demo:demo@127.0.0.1:27017/msgcenter"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found; starting the console under xvfb-run (set DISPLAY to use your own)." >&2
  xvfb-run -a -s "-screen 0 1280x800x24" "$build/ui/gui/lockstep" --data-dir "$data" --demo "$sim"
else
  "$build/ui/gui/lockstep" --data-dir "$data" --demo "$sim"
fi
