#!/bin/sh
# SSH fan-out benchmark: Lockstep's SshTransport (bench_ssh_fanout) against parallel-ssh, clush and
# Ansible, on HOSTS (default 100) ssh_config aliases of one loopback sshd. Not a test: it prints a
# table for docs/performance.md ("SSH fan-out").
#
#   tests/benchmarks/ssh_fanout/run.sh [BUILD_DIR]      (default: build)
#   HOSTS=20 SKIP_ANSIBLE=1 tests/benchmarks/ssh_fanout/run.sh
#   MAXSTARTUPS=default ONLY_LOCKSTEP=1 tests/benchmarks/ssh_fanout/run.sh
#       sshd with its default MaxStartups (10:30:100); Lockstep alone, its `true` fan-out ROUNDS
#       times (default 5), each printing how many hosts succeeded and how many handshakes were retried
#       (LOCKSTEP_ARGS="--handshake-retries 0" measures without retries)
#
# Needs openssh-server, openssh-client, pssh, clustershell, ansible-core (packaging/install-deps.sh).
set -eu

BUILD=${1:-build}
BENCH=$BUILD/tests/bench_ssh_fanout
HOSTS=${HOSTS:-100}
REPEAT=${REPEAT:-5}
BIG='head -c 1000000 /dev/zero | tr "\0" x | fold -w 99'   # 1 MB: 10,000 lines of 100 bytes

[ -x "$BENCH" ] || { echo "build bench_ssh_fanout first: cmake --build $BUILD --target bench_ssh_fanout" >&2; exit 2; }
for tool in /usr/sbin/sshd ssh-keygen parallel-ssh clush ansible python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (see packaging/install-deps.sh)" >&2; exit 2; }
done

TMP=$(mktemp -d)
SSHD_PID=
cleanup() {
    [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

USER_NAME=$(id -un)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ssh-keygen -q -t ed25519 -N '' -f "$TMP/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$TMP/id_client"
cp "$TMP/id_client.pub" "$TMP/authorized_keys"
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
# SetEnv SHLVL=1 below: bash sources ~/.bashrc for commands run over SSH unless SHLVL is set; on a build
# box whose ~/.bashrc runs `pyenv init` that costs ~300 ms of CPU per command for every tool alike and
# would hide the differences between them. Unset it (NO_SHLVL=1) to measure with the login shell's rc.
cat > "$TMP/sshd_config" <<CFG
ListenAddress 127.0.0.1
Port $PORT
HostKey $TMP/host_ed25519
PidFile $TMP/sshd.pid
AuthorizedKeysFile $TMP/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
MaxStartups ${MAXSTARTUPS:-200:30:300}
SetEnv SHLVL=1
CFG
[ "${MAXSTARTUPS:-}" = default ] && sed -i '/^MaxStartups/d' "$TMP/sshd_config"
[ -n "${NO_SHLVL:-}" ] && sed -i '/^SetEnv SHLVL/d' "$TMP/sshd_config"
/usr/sbin/sshd -D -e -f "$TMP/sshd_config" 2>"$TMP/sshd.log" &
SSHD_PID=$!
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { cat "$TMP/sshd.log" >&2; exit 1; }; sleep 0.1
done

echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$TMP/host_ed25519.pub")" > "$TMP/known_hosts"
: > "$TMP/ssh_config"; : > "$TMP/hosts"
n=1
while [ $n -le "$HOSTS" ]; do
    alias=$(printf 'h%03d' $n)
    cat >> "$TMP/ssh_config" <<CFG
Host $alias
  HostName 127.0.0.1
  Port $PORT
  User $USER_NAME
  IdentityFile $TMP/id_client
  IdentitiesOnly yes
  UserKnownHostsFile $TMP/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes
CFG
    echo "$alias" >> "$TMP/hosts"
    n=$((n + 1))
done
{ echo "[fleet]"; cat "$TMP/hosts"; echo "[fleet:vars]";
  echo "ansible_ssh_common_args=-F $TMP/ssh_config"; echo "ansible_python_interpreter=/usr/bin/python3"; } > "$TMP/inventory.ini"
LAST=$(printf '%03d' "$HOSTS")

# Runs a command and prints "wall_ms client_cpu_ms sshd_cpu_ms": wall time, CPU of the tool and every
# process it started (ssh clients, ansible forks), and CPU of the sshd processes that served it. On a
# shared machine wall time mostly measures the load; CPU says what each tool costs.
TICK_MS=$((1000 / $(getconf CLK_TCK)))
sshd_cpu() { awk -v t="$TICK_MS" '{ print ($14 + $15 + $16 + $17) * t }' "/proc/$SSHD_PID/stat"; }
children_cpu() { awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' "$1"; }
measure() {
    times > "$TMP/times0"; s0=$(sshd_cpu); start=$(date +%s%N)
    if ! "$@" > "$TMP/out.log" 2>&1; then echo "FAILED: $*" >&2; tail -5 "$TMP/out.log" >&2; fi
    end=$(date +%s%N); s1=$(sshd_cpu); times > "$TMP/times1"
    echo "$(( (end - start) / 1000000 )) $(( $(children_cpu "$TMP/times1") - $(children_cpu "$TMP/times0") )) $((s1 - s0))"
}
lockstep() { "$BENCH" --config "$TMP/ssh_config" --known-hosts "$TMP/known_hosts" --hosts "$TMP/hosts" "$@"; }
pssh() { parallel-ssh -h "$TMP/hosts" -x "-F $TMP/ssh_config" -t 120 "$@"; }
clushrun() { clush -w "h[001-$LAST]" -o "-F $TMP/ssh_config" "$@"; }
ansiblerun() { ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_SSH_CONTROL_PATH_DIR="$TMP/cp" ansible -i "$TMP/inventory.ini" fleet -m command -a "$1"; }
psshrepeat() { k=0; while [ $k -lt "$REPEAT" ]; do pssh "$@"; k=$((k + 1)); done; }
row() { name=$1; set -- $2; printf '%-40s %9s ms %9s ms %9s ms\n' "$name" "$1" "$2" "$3"; }
ratio() { python3 -c "a, b = '$1'.split(), '$2'.split(); print(f'{int(a[0]) / max(int(b[0]), 1):.1f}x wall, {(int(a[1]) + int(a[2])) / max(int(b[1]) + int(b[2]), 1):.1f}x CPU')"; }

echo "SSH fan-out: $HOSTS aliases of one loopback sshd, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
# Warm-up (page cache, sshd binary), not reported.
lockstep --command true > /dev/null || true

if [ -n "${ONLY_LOCKSTEP:-}" ]; then
    k=0
    while [ $k -lt "${ROUNDS:-5}" ]; do
        lockstep --command true ${LOCKSTEP_ARGS:-} || true    # prints hosts=, commands_ok=, handshakes_retried=, wall_ms=
        k=$((k + 1))
    done
    exit 0
fi

L_TRUE=$(measure lockstep --command true)
P_TRUE=$(measure pssh true)
C_TRUE=$(measure clushrun true)
L_BIG=$(measure lockstep --command "$BIG")
P_BIG=$(measure pssh "$BIG")
C_BIG=$(measure clushrun "$BIG")
if [ -z "${SKIP_ANSIBLE:-}" ]; then
    A_TRUE=$(measure ansiblerun true)
    A_BIG=$(measure ansiblerun "sh -c '$BIG'")
fi
L_SEQ=$(measure lockstep --command true --repeat "$REPEAT")
L_SEQ_NOREUSE=$(measure lockstep --command true --repeat "$REPEAT" --no-reuse)
P_SEQ=$(measure psshrepeat true)

printf '%-40s %12s %12s %12s\n' "" "wall" "client CPU" "sshd CPU"
row "lockstep: true" "$L_TRUE"
row "parallel-ssh: true" "$P_TRUE"
row "clush: true" "$C_TRUE"
[ -n "${A_TRUE:-}" ] && row "ansible -m command: true" "$A_TRUE"
row "lockstep: 1 MB of output" "$L_BIG"
row "parallel-ssh: 1 MB of output" "$P_BIG"
row "clush: 1 MB of output" "$C_BIG"
[ -n "${A_BIG:-}" ] && row "ansible -m command: 1 MB of output" "$A_BIG"
row "lockstep: $REPEAT x true, one connection" "$L_SEQ"
row "lockstep: $REPEAT x true, reconnecting" "$L_SEQ_NOREUSE"
row "parallel-ssh: $REPEAT runs of true" "$P_SEQ"
echo
echo "lockstep is faster than (true): parallel-ssh $(ratio "$P_TRUE" "$L_TRUE"); clush $(ratio "$C_TRUE" "$L_TRUE")${A_TRUE:+; ansible $(ratio "$A_TRUE" "$L_TRUE")}"
echo "lockstep is faster than (1 MB): parallel-ssh $(ratio "$P_BIG" "$L_BIG"); clush $(ratio "$C_BIG" "$L_BIG")${A_BIG:+; ansible $(ratio "$A_BIG" "$L_BIG")}"
echo "$REPEAT sequential commands: reconnecting $(ratio "$L_SEQ_NOREUSE" "$L_SEQ"); parallel-ssh $(ratio "$P_SEQ" "$L_SEQ")"
