-- Group locks (runbook `lock:`, docs/engine.md "Group locks"): at most max_in_flight instances of one
-- group (lock_key, e.g. 'cluster=a') are in flight across every run and console. One row per slot of a
-- group: an instance takes a free slot (conditional upsert, so two consoles never win one slot) before
-- its first change-making step and releases it when it settles. released_at '' = held. A holder that
-- stops heartbeating (team mode) loses its slot after the lease timeout, as its leases expire; a slot of
-- a run that ended is free.
CREATE TABLE group_locks (
  lock_key TEXT NOT NULL,
  slot INTEGER NOT NULL,
  max_in_flight INTEGER NOT NULL,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  instance TEXT NOT NULL,
  operator TEXT NOT NULL,
  console TEXT NOT NULL DEFAULT '',
  acquired_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL DEFAULT '',
  released_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (lock_key, slot)
);
CREATE INDEX group_locks_run ON group_locks (run_id, released_at);

-- @postgres
-- Team mode: the holder named to others is the session's role, whatever name a client sends.
CREATE TRIGGER group_locks_identity BEFORE INSERT OR UPDATE OF operator, run_id ON group_locks
  FOR EACH ROW EXECUTE FUNCTION lockstep_lease_holder();
-- @end
