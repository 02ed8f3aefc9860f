-- The audit chain (app/audit/AuditLog). Rows are only ever inserted. seq is assigned by the appender, not
-- by the database, so a deleted row leaves a visible gap; UNIQUE(prev_hash) means two writers can never
-- both extend the same head (the chain cannot fork even if a lock were missed).
CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  operator TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  run_id TEXT NOT NULL DEFAULT '',
  instance TEXT NOT NULL DEFAULT '',
  from_version TEXT NOT NULL DEFAULT '',
  to_version TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL UNIQUE
);

CREATE INDEX audit_events_run ON audit_events (run_id);
CREATE INDEX audit_events_instance ON audit_events (instance);
