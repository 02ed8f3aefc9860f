# Shared by the shims in this directory: stand-ins for docker, kubectl, pulumi, pg_dump... that act on a
# lockstep-fleetsim instance instead of real infrastructure (docs/runbooks.md).
#
# Which instance: $LOCKSTEP_INSTANCE (lockstep-cli sets it for local steps; the test sshd sets it per
# host with SetEnv). Which simulator: $LOCKSTEP_FLEETSIM_API (http://127.0.0.1:PORT/api), else
# $LOCKSTEP_INSTANCE_API. Every call is appended to $LOCKSTEP_SHIM_LOG when that is set; a call that
# starts with $LOCKSTEP_SHIM_FAIL fails.
# Needs only POSIX sh, curl, sed, grep and awk (packaging/install-deps.sh).

SHIM=$(basename "$0")

die() {
    echo "$SHIM: $*" >&2
    exit 1
}

INSTANCE=${LOCKSTEP_INSTANCE:-}
# Every call is recorded with its whole command line (each argument as given), so a test can assert
# exactly what ran: "CALLER TOOL ARGS", CALLER being $LOCKSTEP_INSTANCE (or "-" when it is not set).
if [ -n "${LOCKSTEP_SHIM_LOG:-}" ]; then
    printf '%s %s %s\n' "${INSTANCE:--}" "$SHIM" "$*" >>"$LOCKSTEP_SHIM_LOG"
fi

API=${LOCKSTEP_FLEETSIM_API:-${LOCKSTEP_INSTANCE_API:-}}
API=${API%/}
[ -n "$API" ] || die "no simulator: set LOCKSTEP_FLEETSIM_API (http://127.0.0.1:PORT/api)"
SIM=${API%/api}
STATE_ROOT=${LOCKSTEP_SHIM_STATE:-${TMPDIR:-/tmp}/lockstep-shims}

# A test makes a tool fail the way a real one can: a call whose "TOOL ARGS" starts with
# $LOCKSTEP_SHIM_FAIL — or with the text of the file $STATE_ROOT/fail, which reaches the tools on the
# simulated hosts too (their environment is fixed by sshd) — exits 1 (after it was logged) and changes
# nothing. Several prefixes, one per line, fail every call that starts with any of them (a deploy and,
# later, a rollback step).
FAIL_PREFIX=${LOCKSTEP_SHIM_FAIL:-$(cat "$STATE_ROOT/fail" 2>/dev/null)}
if [ -n "$FAIL_PREFIX" ]; then
    _call="$SHIM $*"
    _failing=$(printf '%s\n' "$FAIL_PREFIX" | while IFS= read -r _prefix; do
        [ -n "$_prefix" ] || continue
        case "$_call" in
            "$_prefix"*) printf '%s\n' "$_prefix"; break ;;
        esac
    done)
    [ -z "$_failing" ] || die "failed ($_failing is told to fail)"
fi

# use_instance NAME: the instance the tool acts on from here on (and its state directory).
use_instance() {
    INSTANCE=$1
    STATE_DIR=$STATE_ROOT/$INSTANCE
    mkdir -p "$STATE_DIR" || die "cannot create $STATE_DIR"
}

# A tool that reaches its target by an address on its command line (kubectl --context, pg_dump -h,
# mongodump --db) sets SHIM_TARGET_FROM_ARGS=1 before sourcing this file and calls use_instance itself;
# every other tool acts on the instance it runs for (the host's, or the local step's instance).
if [ -n "$INSTANCE" ]; then
    use_instance "$INSTANCE"
elif [ -z "${SHIM_TARGET_FROM_ARGS:-}" ]; then
    die "no instance: set LOCKSTEP_INSTANCE"
fi

# instance_with VAR VALUE: the instance whose inventory variable VAR is VALUE (the served inventory's
# vars:, as lockstep-fleetsim --demo gives them): the stand-in's DNS and kubeconfig. Empty if none.
instance_with() {
    curl -sS -m 10 "$SIM/inventory.yaml" | awk -v key="$1: \"$2\"" '
        /^  - name: / { name = $3 }
        /^    vars: / { if (found == "" && (index($0, "{" key) || index($0, ", " key))) found = name }
        END { if (found != "") print found }'
}

# call METHOD PATH [JSON]: prints the body; fails unless the status is 2xx.
call() {
    _out=$(curl -sS -m 10 -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} \
        -w '\n%{http_code}' "$SIM$2") || die "$1 $SIM$2: no answer from the simulator"
    _code=$(printf '%s\n' "$_out" | tail -n 1)
    _body=$(printf '%s\n' "$_out" | sed '$d')
    case "$_code" in
        2??) printf '%s\n' "$_body" ;;
        *) die "$1 $SIM$2: HTTP $_code $_body" ;;
    esac
}

# field NAME: the first string or number value of "NAME" in the JSON on stdin.
field() {
    grep -o "\"$1\":\"\{0,1\}[^\",}]*" | head -n 1 | sed "s/^\"$1\":\"\{0,1\}//"
}

instance_json() { call GET "/api/instances/$INSTANCE"; }
running_version() { instance_json | field version; }
product() { instance_json | field product; }

# is_release VERSION: the version is in the product's feed (what a registry would have).
is_release() {
    call GET "/feeds/$(product)/releases.json" | grep -q "\"version\":\"$1\""
}

# tag_of IMAGE: registry/name:TAG -> TAG without a leading v.
tag_of() {
    case "$1" in
        *:*) _t=${1##*:} ;;
        *) _t=latest ;;
    esac
    printf '%s\n' "${_t#v}"
}

upgrade_to() {
    # Started on the version the instance already runs (the deploy that failed never took it off that
    # version): the container starts, nothing is upgraded — as a real host would just run it.
    [ "$(instance_json | field version)" = "$1" ] && return 0
    call POST "/api/instances/$INSTANCE/upgrade" "{\"version\":\"$1\"}" >/dev/null
}

# wait_active VERSION SECONDS: until the instance runs VERSION and is active again.
wait_active() {
    _n=0
    _limit=$(( $2 * 10 ))
    while [ "$_n" -lt "$_limit" ]; do
        _j=$(instance_json)
        if [ "$(printf '%s' "$_j" | field version)" = "$1" ] && [ "$(printf '%s' "$_j" | field status)" = active ]; then
            return 0
        fi
        sleep 0.1
        _n=$((_n + 1))
    done
    die "$INSTANCE did not come up on $1 within $2 s"
}

# backup_now: takes a backup and waits until it is completed; prints its id.
backup_now() {
    _id=$(call POST "/api/instances/$INSTANCE/backup" '{}' | field id)
    [ -n "$_id" ] || die "the backup was not started"
    _n=0
    while [ "$_n" -lt 600 ]; do
        if call GET "/api/instances/$INSTANCE/backups" | grep -o '{[^}]*}' | grep "\"id\":\"$_id\"" | grep -q '"status":"completed"'; then
            printf '%s\n' "$_id"
            return 0
        fi
        sleep 0.1
        _n=$((_n + 1))
    done
    die "backup $_id did not complete within 60 s"
}

restore_backup() {
    call POST "/api/instances/$INSTANCE/restore" "{\"backup\":\"$1\"}" >/dev/null
}

latest_backup() {
    call GET "/api/instances/$INSTANCE/backups" | grep -o '{[^}]*}' | grep '"status":"completed"' | head -n 1 | field id
}

# migrate_forward VERSION: applies VERSION's migrations. Migrations only go forward (Drizzle, yarn
# migrate, alembic upgrade): a release whose schema is older than the database's changes nothing.
migrate_forward() {
    _want=$(call GET "/feeds/$(product)/releases.json" | grep -o '{[^}]*}' | grep "\"version\":\"$1\"" | field schema)
    [ -n "$_want" ] || die "no release $1 of $(product)"
    _have=$(instance_json | field schemaVersion)
    if [ "$_want" -gt "$_have" ]; then
        call POST "/api/instances/$INSTANCE/migrate" "{\"version\":\"$1\"}" >/dev/null
    fi
}
