#!/usr/bin/env bash
# The demo's own peers (run-demo.sh starts them; tests/gui/tst_demo_upgrades uses them the same way).
# Everything lives in the demo's data directory: nothing of ~/.ssh or the system's services is touched.
#
#   demo-peers.sh sshd DIR API SHIMS STATE INSTANCE...
#       One OpenSSH server on 127.0.0.1 with a port per instance; a connection to an instance's port
#       gets that instance's environment (LOCKSTEP_INSTANCE, the simulator's API, the tool shims first
#       on PATH), as a real host knows which service it runs. Writes DIR/ssh_config (a Host alias per
#       instance, named after it) and DIR/known_hosts (the demo generated the host key, so it is
#       trusted from the start), then runs sshd in the foreground (stop it with SIGTERM).
#   demo-peers.sh prometheus DIR SIM_URL INSTANCE...
#       A Prometheus on a free loopback port scraping each instance's SIM_URL/i/NAME/metrics every 5 s
#       ($LOCKSTEP_DEMO_SCRAPE_INTERVAL, e.g. 250ms for the shortened gates of a test) with the label
#       instance="NAME" (what PromQL gates select on). Writes its URL to DIR/url, then runs in the
#       foreground.
#   demo-peers.sh settings FILE < lines
#       Writes the console's settings file (INI) from "group/key=value" lines on stdin.
#
# Needs openssh-server, openssh-client (ssh-keygen) and prometheus (packaging/install-deps.sh).
set -euo pipefail

die() { echo "demo-peers: $*" >&2; exit 1; }

# A TCP port on 127.0.0.1 nobody listens on, not in $taken.
taken=" "
free_port() {
  local port
  for _ in $(seq 1 500); do
    port=$((20000 + RANDOM % 40000))
    case "$taken" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      taken+="$port "
      echo "$port"
      return 0
    fi
  done
  die "no free port on 127.0.0.1"
}

sshd_peer() {
  [ $# -ge 5 ] || die "usage: sshd DIR API SHIMS STATE INSTANCE..."
  local dir=$1 api=$2 shims=$3 state=$4
  shift 4
  local sshd=/usr/sbin/sshd
  [ -x "$sshd" ] || die "no $sshd: install openssh-server"
  command -v ssh-keygen >/dev/null || die "no ssh-keygen: install openssh-client"
  mkdir -p "$dir" "$state"
  chmod 700 "$dir"
  rm -f "$dir/host_ed25519" "$dir/host_ed25519.pub" "$dir/id_demo" "$dir/id_demo.pub"
  ssh-keygen -q -t ed25519 -N '' -C lockstep-demo-host -f "$dir/host_ed25519" </dev/null >/dev/null
  ssh-keygen -q -t ed25519 -N '' -C lockstep-demo-client -f "$dir/id_demo" </dev/null >/dev/null
  cp "$dir/id_demo.pub" "$dir/authorized_keys"
  # Root's sshd refuses to start without its privilege separation directory.
  if [ "$(id -u)" -eq 0 ]; then mkdir -p /run/sshd; fi
  local user host_key path
  user=$(id -un)
  host_key=$(cut -d' ' -f1,2 "$dir/host_ed25519.pub")
  path="$shims:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  {
    echo "ListenAddress 127.0.0.1"
    echo "HostKey $dir/host_ed25519"
    echo "PidFile $dir/sshd.pid"
    echo "AuthorizedKeysFile $dir/authorized_keys"
    echo "AuthenticationMethods publickey"
    echo "PasswordAuthentication no"
    echo "KbdInteractiveAuthentication no"
    echo "UsePAM no"
    echo "StrictModes no"
    echo "PermitRootLogin prohibit-password"
    echo "AllowUsers $user"
  } >"$dir/sshd_config"
  : >"$dir/ssh_config"
  : >"$dir/known_hosts"
  : >"$dir/ports"
  local matches="" name port
  for name in "$@"; do
    port=$(free_port)
    taken+="$port "
    echo "Port $port" >>"$dir/sshd_config"
    # Match blocks go last; SetEnv inside one applies to that port's sessions only. SHLVL=1 keeps bash
    # from reading the user's ~/.bashrc for every command.
    matches+="Match LocalPort $port"$'\n'
    matches+="  SetEnv LOCKSTEP_INSTANCE=$name LOCKSTEP_FLEETSIM_API=$api PATH=$path LOCKSTEP_SHIM_STATE=$state SHLVL=1"$'\n'
    printf 'Host %s\n  HostName 127.0.0.1\n  Port %s\n  User %s\n  IdentityFile %s\n  UserKnownHostsFile %s\n  StrictHostKeyChecking yes\n\n' \
      "$name" "$port" "$user" "$dir/id_demo" "$dir/known_hosts" >>"$dir/ssh_config"
    echo "[127.0.0.1]:$port $host_key" >>"$dir/known_hosts"
    echo "$name $port" >>"$dir/ports"
  done
  printf '%s' "$matches" >>"$dir/sshd_config"
  "$sshd" -t -f "$dir/sshd_config" || die "the generated $dir/sshd_config is not valid"
  exec "$sshd" -D -e -f "$dir/sshd_config"
}

prometheus_peer() {
  [ $# -ge 3 ] || die "usage: prometheus DIR SIM_URL INSTANCE..."
  local dir=$1 sim=$2
  shift 2
  [ -x /usr/bin/prometheus ] || die "no /usr/bin/prometheus: install prometheus"
  mkdir -p "$dir"
  local hostport=${sim#http://} name port
  hostport=${hostport%%/*}
  {
    echo "global:"
    echo "  scrape_interval: ${LOCKSTEP_DEMO_SCRAPE_INTERVAL:-5s}"
    echo "  scrape_timeout: ${LOCKSTEP_DEMO_SCRAPE_INTERVAL:-5s}"
    echo "  evaluation_interval: ${LOCKSTEP_DEMO_SCRAPE_INTERVAL:-5s}"
    echo "scrape_configs:"
    echo "  - job_name: lockstep-demo"
    echo "    static_configs:"
    for name in "$@"; do
      printf "      - targets: ['%s']\n        labels:\n          __metrics_path__: '/i/%s/metrics'\n          instance: '%s'\n" \
        "$hostport" "$name" "$name"
    done
  } >"$dir/prometheus.yml"
  port=$(free_port)
  echo "http://127.0.0.1:$port" >"$dir/url"
  exec /usr/bin/prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address="127.0.0.1:$port" --storage.tsdb.retention.time=1d --log.level=warn
}

# QSettings' INI format: a [group] per first key segment, the rest of the key with '\' separators;
# values quoted, so commas stay part of the text instead of making a list.
settings_file() {
  [ $# -eq 1 ] || die "usage: settings FILE < group/key=value lines"
  local line key value group
  local -A groups=()
  local order=()
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    key=${line%%=*}
    value=${line#*=}
    group=${key%%/*}
    key=${key#*/}
    value=${value//\\/\\\\}
    value=${value//\"/\\\"}
    [ -n "${groups[$group]+x}" ] || order+=("$group")
    groups[$group]+="${key//\//\\}=\"$value\""$'\n'
  done
  {
    for group in "${order[@]}"; do
      echo "[$group]"
      printf '%s\n' "${groups[$group]}"
    done
  } >"$1"
}

case "${1:-}" in
  sshd) shift; sshd_peer "$@" ;;
  prometheus) shift; prometheus_peer "$@" ;;
  settings) shift; settings_file "$@" ;;
  *) die "usage: $0 sshd|prometheus|settings ..." ;;
esac
