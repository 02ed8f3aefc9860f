#!/usr/bin/env bash
# Crash soak (docs/crash-soak.md; not part of CI): `kill -9` at random points of real `lockstep-cli run`s
# against lockstep-fleetsim — during steps, during the gates' observation between waves and during
# rollback — then recovers each run the way a careful operator would (`run --resume N
# --resolve-interrupted ACTION`: an interrupted rollback step is retried, an interrupted deploy rolled back
# or retried, any other step marked done, skipped or rolled back), and reports:
#   consistent runs   the run ended (succeeded or rolled back), the fleet agrees with it instance by
#                     instance (rolled back or untouched: the old version; upgrade finished: the target;
#                     succeeded: every instance on the target), after every kill
#                     `status` showed at most max_parallel attempts without a result, and every command
#                     step the store says succeeded did run (its marker is there)
#   silent re-runs    a step whose command ran more often (its marker lines) than once plus the retries
#                     the operator chose for it: the engine re-ran something that may have taken effect
#   chains verified   `audit verify` after every kill and at the end (the end also against the witness
#                     file the runs anchored their heads in)
#
#   tests/soak/crash-soak.sh [-k KILLS] [-b BUILD_DIR] [-s SEED] [-w WORK_DIR]
#
# Defaults: 200 kills, build/ of this checkout, seed from the clock, a fresh temporary work directory
# (kept: every round's outputs, status, verify and marker files, and summary.txt). Needs curl and the shims in tests/shims (POSIX sh, sed, grep, awk).
set -uo pipefail

kills_wanted=200
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
build="$source_dir/build"
seed=$(date +%s)
work=""
while getopts "k:b:s:w:h" opt; do
  case "$opt" in
    k) kills_wanted="$OPTARG" ;;
    b) build="$OPTARG" ;;
    s) seed="$OPTARG" ;;
    w) work="$OPTARG" ;;
    *) sed -n '2,18p' "$0"; exit 2 ;;
  esac
done
cli="$build/app/cli/lockstep-cli"
sim="$build/app/fleetsim/lockstep-fleetsim"
for exe in "$cli" "$sim"; do
  [ -x "$exe" ] || { echo "crash-soak: $exe is missing: cmake --build $build --target lockstep-cli lockstep-fleetsim" >&2; exit 2; }
done
command -v curl >/dev/null || { echo "crash-soak: needs curl (Debian package curl)" >&2; exit 2; }
[ -n "$work" ] || work="$(mktemp -d /tmp/lockstep-crash-soak.XXXXXX)"
mkdir -p "$work/data" "$work/state" "$work/rounds"
RANDOM=$seed
export LOCKSTEP_AUDIT_WITNESS_FILE="$work/state/audit-anchors.jsonl"   # outside the stores' directory
export LOCKSTEP_SYSLOG_SOCKET="${LOCKSTEP_SYSLOG_SOCKET:-off}"
export LOCKSTEP_SHIM_STATE="$work/shim-state"
export LOCKSTEP_TEST_IDENTITIES=1   # the soak's operator "soak" is a name given for a test
export PATH="$source_dir/tests/shims:$PATH"

# A product with a good and a bad release; four instances on 1.0.0.
cat >"$work/fleet.yaml" <<'YAML'
products:
  - id: soak
    name: Soak
    releases:
      - {version: 1.0.0, schema: 1}
      - {version: 1.1.0, schema: 1}
      - {version: 1.2.0, schema: 1, bad: true}
instances:
  - {name: soak-1, product: soak, environment: prod, version: 1.0.0}
  - {name: soak-2, product: soak, environment: prod, version: 1.0.0}
  - {name: soak-3, product: soak, environment: prod, version: 1.0.0}
  - {name: soak-4, product: soak, environment: prod, version: 1.0.0}
YAML

# Every command step first appends "INSTANCE STEP" to the marker file: a step that ran twice shows.
# Deploys are idempotent, as `docker compose up -d` is (the shim's simulator refuses an upgrade to the
# version already running, so a retried deploy that had taken effect checks first).
cat >"$work/soak.yaml" <<'YAML'
runbook: soak
product: soak
applies_to: {change: [patch, minor, major]}
maintenance_window: required
params:
  marker: {required: true}
strategy:
  waves: [{count: 1, name: canary}, {percent: 100, name: rest}]
  max_parallel: 2
  between_waves: {observe: 1s, then: promote}
  failure_budget: {max_failed: 0}
  on_failure: rollback
steps:
  - id: prepare
    local: "echo {{instance.name}} prepare >> {{params.marker}} && sleep 0.2"
  - id: deploy
    local: "echo {{instance.name}} deploy >> {{params.marker}} && export APP_VERSION={{version}} && { docker ps | grep -q app:{{version}} || docker compose up -d app; }"
    disruptive: true
    undo: redeploy-previous
  - id: healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 20s
    poll_interval: 200ms
  - id: running-version
    http: "GET {{instance.url}}/version"
    expect: {status: 200, json: {"/version": "{{version}}"}}
  - id: finish
    local: "echo {{instance.name}} finish >> {{params.marker}} && sleep 0.2"
gates:
  - metric: error_rate
    below: 0.03
    interval: 500ms
    count: 3
    failure_limit: 1
    no_data: fail
rollback_steps:
  - id: redeploy-previous
    local: "echo {{instance.name}} redeploy-previous >> {{params.marker}} && export APP_VERSION={{previous_version}} && { docker ps | grep -q app:{{previous_version}} || docker compose up -d app; }"
  - id: previous-healthy
    http: "GET {{instance.url}}/health"
    until: {status: 200}
    within: 20s
    poll_interval: 200ms
  # Healthy is not enough: a rolled-back instance answers the version it was rolled back to.
  - id: previous-version
    http: "GET {{instance.url}}/version"
    expect: {status: 200, json: {"/version": "{{previous_version}}"}}
rollback: [previous-healthy, previous-version]
YAML

kills=0 rounds=0 consistent=0 silent=0 hangs=0 verified=0 verify_runs=0 rollback_kills=0 gate_kills=0 step_kills=0
declare -A final_states=() actions_taken=()
problems="$work/problems.txt"
: >"$problems"
problem() { echo "round $rounds: $*" | tee -a "$problems" >&2; }

start_sim() {
  rm -f "$1/port"
  "$sim" --fleet "$work/fleet.yaml" --port 0 --port-file "$1/port" --upgrade-ms 300 --backup-ms 100 --seed "$rounds" \
    >"$1/fleetsim.log" 2>&1 &
  sim_pid=$!
  for _ in $(seq 100); do [ -s "$1/port" ] && break; sleep 0.05; done
  port=$(cat "$1/port" 2>/dev/null)
  [ -n "$port" ] || { problem "fleetsim did not start"; return 1; }
  curl -sf "http://127.0.0.1:$port/inventory.yaml" >"$1/inventory.yaml"
  export LOCKSTEP_FLEETSIM_API="http://127.0.0.1:$port/api"
}

# kill_at DIR PID MODE: SIGKILL the invocation at a random point of MODE (time | gate | rollback);
# sets killed=1 when it killed, 0 when the invocation ended first.
kill_at() {
  local dir="$1" pid="$2" mode="$3" log="$1/out.log" pattern="" waited=0
  case "$mode" in
    gate) pattern=' gate ' ;;
    rollback) pattern='(rollback)' ;;
  esac
  if [ -n "$pattern" ]; then
    # Up to 60 s for the phase to begin; then a random moment inside it.
    while kill -0 "$pid" 2>/dev/null && ! grep -qF -- "$pattern" "$log" 2>/dev/null && [ $waited -lt 600 ]; do
      sleep 0.1; waited=$((waited + 1))
    done
    sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  else
    sleep "$((RANDOM % 6)).$((RANDOM % 10))$((RANDOM % 10))"
  fi
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    killed=1
  else
    wait "$pid" 2>/dev/null
    killed=0
  fi
}

# check_store DIR: after a kill or at the end, what a restart shows must match the store, and the chain
# must verify. Counts unfinished attempts into $unfinished.
check_store() {
  local dir="$1"
  "$cli" status 1 --database "$db" >"$dir/status.txt" 2>&1
  unfinished=$(grep -c 'interrupted (started, no result)' "$dir/status.txt")
  if [ "$unfinished" -gt 2 ]; then
    problem "$unfinished attempts without a result (max_parallel is 2)"
    round_ok=0
  fi
  verify_runs=$((verify_runs + 1))
  if "$cli" audit verify --database "$db" >"$dir/verify.txt" 2>&1; then
    verified=$((verified + 1))
  else
    problem "audit verify failed: $(head -c 300 "$dir/verify.txt")"
    round_ok=0
  fi
}

window="$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)/$(date -u -d '+6 hours' +%Y-%m-%dT%H:%M:%SZ)"
echo "crash-soak: seed $seed, $kills_wanted kills, work directory $work" >&2
started=$(date +%s)
while [ "$kills" -lt "$kills_wanted" ]; do
  rounds=$((rounds + 1))
  dir="$work/rounds/$rounds"
  mkdir -p "$dir"
  db="$work/data/round$rounds.db"
  marker="$dir/marker"
  : >"$marker"
  start_sim "$dir" || break
  # Every third round deploys the bad release: its canary's gate fails and the run rolls back.
  if [ $((rounds % 3)) -eq 0 ]; then target=1.2.0; modes=(rollback rollback time gate); else target=1.1.0; modes=(time time gate); fi
  round_ok=1
  invocation=0
  declare -A allowed=()
  state=""
  while :; do
    invocation=$((invocation + 1))
    if [ $invocation -eq 1 ]; then
      args=(run --database "$db" --operator soak --runbook "$work/soak.yaml" --inventory "$dir/inventory.yaml"
            --product soak --version "$target" --param "marker=$marker" --window "$window" --scrape-interval 200)
    else
      # What a careful operator decides, knowing only that the step "may or may not have taken effect":
      # an interrupted rollback step is retried (undoing twice is safe, leaving it half-done is not); an
      # interrupted deploy is rolled back or retried; the other steps (markers and read-only checks) are
      # marked done, skipped or rolled back. Each retry allows that step's command one more run.
      interrupted=$(grep 'interrupted (started, no result)' "$dir/status.txt" 2>/dev/null | awk '{print $1, $2, $3}')
      if grep -q ' rollback ' <<<"$interrupted"; then
        action=retry
      elif grep -q ' deploy$' <<<"$interrupted"; then
        actions=(rollback retry)
        action=${actions[$((RANDOM % 2))]}
      else
        actions=(mark-done skip rollback)
        action=${actions[$((RANDOM % 3))]}
      fi
      actions_taken[$action]=$(( ${actions_taken[$action]:-0} + 1 ))
      if [ "$action" = retry ]; then
        while read -r instance _ step; do
          [ -n "$instance" ] && allowed["$instance $step"]=$(( ${allowed["$instance $step"]:-0} + 1 ))
        done <<<"$interrupted"
      fi
      args=(run --database "$db" --operator soak --resume 1 --resolve-interrupted "$action" --reason "killed by the soak"
            --approve-waves --scrape-interval 200)
    fi
    "$cli" "${args[@]}" >"$dir/out.log" 2>&1 &
    pid=$!
    # The first invocation is always a kill candidate; a resume one time in two, until enough kills.
    killed=0
    if [ "$kills" -lt "$kills_wanted" ] && { [ $invocation -eq 1 ] || [ $((RANDOM % 2)) -eq 0 ]; } && [ $invocation -lt 8 ]; then
      mode=${modes[$((RANDOM % ${#modes[@]}))]}
      kill_at "$dir" "$pid" "$mode"
    else
      # Nothing may wait forever headless: an invocation that has not ended after 180 s is a hang.
      waited=0
      while kill -0 "$pid" 2>/dev/null && [ $waited -lt 1800 ]; do sleep 0.1; waited=$((waited + 1)); done
      if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null
        problem "invocation $invocation hung (no end after 180 s): $(tail -1 "$dir/out.log")"
        hangs=$((hangs + 1))
        round_ok=0
        wait "$pid" 2>/dev/null
        cp "$dir/out.log" "$dir/out.$invocation.log"
        state=hung
        break
      fi
      wait "$pid" 2>/dev/null
    fi
    cp "$dir/out.log" "$dir/out.$invocation.log"
    if [ "$killed" = 1 ]; then
      kills=$((kills + 1))
      case "$mode" in rollback) rollback_kills=$((rollback_kills + 1)) ;; gate) gate_kills=$((gate_kills + 1)) ;; *) step_kills=$((step_kills + 1)) ;; esac
      if [ $invocation -eq 1 ] && ! "$cli" status 1 --database "$db" >/dev/null 2>&1; then
        # Killed before the run existed: nothing may have run.
        [ -s "$marker" ] && { problem "a step ran although no run was stored"; round_ok=0; }
        state="never-created"
        break
      fi
      check_store "$dir"
      continue
    fi
    # It ended by itself: finished, or waiting for an operator (resume), or refused.
    state=$("$cli" status 1 --database "$db" 2>/dev/null | sed -n 's/^run 1: \([a-z-]*\).*/\1/p')
    case "$state" in
      succeeded|rolled-back|failed|aborted) break ;;
    esac
    if [ $invocation -ge 20 ]; then problem "still $state after 20 invocations"; round_ok=0; break; fi
    check_store "$dir"
  done
  if [ "$state" != never-created ] && [ "$state" != hung ]; then
    final_states[$state]=$(( ${final_states[$state]:-0} + 1 ))
    check_store "$dir"
    # Silent re-runs: a command step's marker appears more often than it ran plus the retries chosen.
    while read -r count what; do
      if [ "$count" -gt $((1 + ${allowed["$what"]:-0})) ]; then
        problem "silent re-run: $what ran $count times (${allowed["$what"]:-0} retries chosen)"
        silent=$((silent + 1))
        round_ok=0
      fi
    done < <(sort "$marker" | uniq -c)
    # Every succeeded command step ran exactly once.
    while read -r instance phase step _ _ outcome _; do
      case "$step" in prepare|deploy|finish|redeploy-previous) ;; *) continue ;; esac
      [ "$outcome" = succeeded ] || continue
      grep -qx "$instance $step" "$marker" || { problem "$instance $step succeeded but never ran"; round_ok=0; }
    done < <(grep -E '^  [a-z0-9-]+  ' "$dir/status.txt")
    # The fleet agrees with the run, instance by instance: one that was rolled back (or never touched)
    # runs 1.0.0, one whose upgrade completed runs the target; a rolled-back run keeps the earlier
    # waves that had passed their gates (docs/engine.md, "Stop the line").
    case "$state" in
      succeeded|rolled-back) ;;
      *) problem "ended $state"; round_ok=0 ;;
    esac
    for instance in soak-1 soak-2 soak-3 soak-4; do
      running=$(curl -sf "http://127.0.0.1:$port/api/instances/$instance" | grep -o '"version":"[^"]*"' | cut -d'"' -f4)
      # (A deploy that succeeded, or whose instance then answered the target version, upgraded it.)
      if grep -q "^  $instance  rollback  " "$dir/status.txt"; then
        expected=1.0.0
      elif grep -qE "^  $instance  upgrade  (deploy|running-version)  attempt [0-9]+  succeeded" "$dir/status.txt"; then
        expected=$target
      elif grep -q "^  $instance  upgrade  deploy  " "$dir/status.txt"; then
        expected="(left mid-upgrade)"
      else
        expected=1.0.0
      fi
      [ "$running" = "$expected" ] || { problem "$instance runs $running, the run says $expected"; round_ok=0; }
      [ "$state" = succeeded ] && [ "$running" != "$target" ] && { problem "succeeded but $instance runs $running"; round_ok=0; }
    done
    if ! grep -q "head anchored by" "$dir/verify.txt"; then
      problem "the final head is not anchored: $(tail -1 "$dir/verify.txt")"
      round_ok=0
    fi
  fi
  kill "$sim_pid" 2>/dev/null
  wait "$sim_pid" 2>/dev/null
  [ "$round_ok" = 1 ] && consistent=$((consistent + 1))
  printf 'round %d: target %s, %d invocations, state %s, kills so far %d, %s\n' "$rounds" "$target" "$invocation" \
    "$state" "$kills" "$([ "$round_ok" = 1 ] && echo consistent || echo PROBLEM)" >&2
done

elapsed=$(( $(date +%s) - started ))
{
  echo "crash soak: seed $seed, $(date -u +%Y-%m-%dT%H:%M:%SZ), $elapsed s"
  echo "kill -9:         $kills (during steps/time: $step_kills, gate observation: $gate_kills, rollback: $rollback_kills)"
  echo "runs:            $rounds (final states: $(for s in "${!final_states[@]}"; do printf '%s %s  ' "$s" "${final_states[$s]}"; done))"
  echo "consistent runs: $consistent/$rounds"
  echo "resolutions:     $(for a in "${!actions_taken[@]}"; do printf '%s %s  ' "$a" "${actions_taken[$a]}"; done)"
  echo "silent re-runs:  $silent"
  echo "hangs:           $hangs (an invocation that did not end within 180 s)"
  echo "chains verified: $verified/$verify_runs (after every kill and at every run's end)"
  echo "problems:        $(wc -l <"$problems") (listed in $problems)"
} | tee "$work/summary.txt"
[ -s "$problems" ] && exit 1
exit 0
