# Shared by the database stand-ins (pg_dump, pg_restore, mongodump, mongorestore): which instance's
# database a call reaches. A database is addressed as the real tools address it — pg_dump -h HOST, a
# mongo --db NAME — and the address names one instance through its inventory variable (db_host,
# mongodb_db). An address no instance has fails as a real client fails to connect; a call without an
# address reaches the database of the host it runs on ($LOCKSTEP_INSTANCE: a local socket).
SHIM_TARGET_FROM_ARGS=1
. "$(dirname "$0")/_fleetsim.sh"

# reach_database VAR ADDRESS FAILURE: acts on the instance whose VAR is ADDRESS; FAILURE is the tool's
# own words when nothing answers there.
reach_database() {
    if [ -z "$2" ]; then
        [ -n "$INSTANCE" ] || die "no database address and no instance (set LOCKSTEP_INSTANCE)"
        return 0
    fi
    _target=$(instance_with "$1" "$2")
    if [ -z "$_target" ]; then
        echo "$3" >&2
        exit 1
    fi
    use_instance "$_target"
}
