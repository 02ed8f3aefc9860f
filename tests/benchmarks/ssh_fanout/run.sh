#!/bin/sh
# SSH fan-out benchmark: Lockstep's SshTransport (bench_ssh_fanout) against parallel-ssh, clush and
# Ansible, on HOSTS (default 100) ssh_config aliases of one loopback sshd. Not a test: it prints a
# table for docs/performance.md ("SSH fan-out").
#
#   tests/benchmarks/ssh_fanout/run.sh [BUILD_DIR]      (default: build)
#   HOSTS=20 SKIP_ANSIBLE=1 tests/benchmarks/ssh_fanout/run.sh
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
MaxStartups 200:30:300
CFG
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

# Wall time of a command in milliseconds; a failing run is reported, not hidden.
ms() {
    start=$(date +%s%N)
    if ! "$@" > "$TMP/out.log" 2>&1; then echo "FAILED: $*" >&2; tail -5 "$TMP/out.log" >&2; fi
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
lockstep() { "$BENCH" --config "$TMP/ssh_config" --known-hosts "$TMP/known_hosts" --hosts "$TMP/hosts" "$@"; }
pssh() { parallel-ssh -h "$TMP/hosts" -x "-F $TMP/ssh_config" -t 120 "$@"; }
clushrun() { clush -w "h[001-$LAST]" -o "-F $TMP/ssh_config" "$@"; }
ansiblerun() { ANSIBLE_HOST_KEY_CHECKING=True ansible -i "$TMP/inventory.ini" fleet -m command -a "$1"; }
psshrepeat() { k=0; while [ $k -lt "$REPEAT" ]; do pssh "$@"; k=$((k + 1)); done; }
ratio() { python3 -c "print(f'{$1 / max($2, 1):.1f}x')"; }

echo "SSH fan-out: $HOSTS aliases of one loopback sshd, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
# Warm-up (page cache, sshd binary), not reported.
lockstep --command true > /dev/null

L_TRUE=$(ms lockstep --command true)
P_TRUE=$(ms pssh true)
C_TRUE=$(ms clushrun true)
L_BIG=$(ms lockstep --command "$BIG")
P_BIG=$(ms pssh "$BIG")
C_BIG=$(ms clushrun "$BIG")
if [ -z "${SKIP_ANSIBLE:-}" ]; then
    A_TRUE=$(ms ansiblerun true)
    A_BIG=$(ms ansiblerun "sh -c '$BIG'")
else
    A_TRUE=0; A_BIG=0
fi
L_SEQ=$(ms lockstep --command true --repeat "$REPEAT")
L_SEQ_NOREUSE=$(ms lockstep --command true --repeat "$REPEAT" --no-reuse)
P_SEQ=$(ms psshrepeat true)

printf '%-34s %10s %10s %10s %10s\n' "command on every host" "lockstep" "pssh" "clush" "ansible"
printf '%-34s %8sms %8sms %8sms %8sms\n' "true" "$L_TRUE" "$P_TRUE" "$C_TRUE" "$A_TRUE"
printf '%-34s %8sms %8sms %8sms %8sms\n' "1 MB of output" "$L_BIG" "$P_BIG" "$C_BIG" "$A_BIG"
printf '%-34s %10s %10s %10s %10s\n' "speed-up of lockstep, true" "" "$(ratio "$P_TRUE" "$L_TRUE")" "$(ratio "$C_TRUE" "$L_TRUE")" "$(ratio "$A_TRUE" "$L_TRUE")"
printf '%-34s %10s %10s %10s %10s\n' "speed-up of lockstep, 1 MB" "" "$(ratio "$P_BIG" "$L_BIG")" "$(ratio "$C_BIG" "$L_BIG")" "$(ratio "$A_BIG" "$L_BIG")"
echo
echo "$REPEAT sequential 'true' per host:"
printf '  lockstep, one connection per host:   %6sms\n' "$L_SEQ"
printf '  lockstep, a connection per command:  %6sms (%s slower)\n' "$L_SEQ_NOREUSE" "$(ratio "$L_SEQ_NOREUSE" "$L_SEQ")"
printf '  parallel-ssh, %s runs:                %6sms (%s slower)\n' "$REPEAT" "$P_SEQ" "$(ratio "$P_SEQ" "$L_SEQ")"
