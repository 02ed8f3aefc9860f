-- Runs, their write-ahead step log, sign-offs and instance leases (the engine's tables).
CREATE TABLE runs (
  id {{id}},
  runbook_id TEXT NOT NULL,
  runbook_file TEXT NOT NULL DEFAULT '',
  runbook_source TEXT NOT NULL DEFAULT '',
  product TEXT NOT NULL DEFAULT '',
  target_version TEXT NOT NULL,
  change_class TEXT NOT NULL DEFAULT '',
  operator TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT '',
  current_wave INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);

-- One row per step attempt: inserted before the step starts (intent), completed after it ends (result).
-- outcome '' means started and not finished: after a crash such a row is an interrupted step.
CREATE TABLE step_attempts (
  id {{id}},
  run_id INTEGER NOT NULL REFERENCES runs(id),
  phase TEXT NOT NULL,
  wave INTEGER NOT NULL,
  instance TEXT NOT NULL,
  step TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  exit_code INTEGER NOT NULL DEFAULT -1,
  output_tail TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX step_attempts_run ON step_attempts (run_id, id);

-- Sign-offs on checklist items and approvals. One operator signs an item once (four-eyes needs two).
CREATE TABLE signoffs (
  id {{id}},
  run_id INTEGER NOT NULL REFERENCES runs(id),
  item TEXT NOT NULL,
  operator TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  UNIQUE (run_id, item, operator)
);

-- One row per instance ever leased; released_at '' = held. The generation grows with every acquisition
-- and is checked on every write of the holder, so a stale holder's writes are refused.
CREATE TABLE leases (
  instance TEXT PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  operator TEXT NOT NULL,
  generation INTEGER NOT NULL,
  acquired_at TEXT NOT NULL,
  released_at TEXT NOT NULL DEFAULT ''
);
