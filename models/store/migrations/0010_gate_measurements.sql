-- Every gate reading the engine judged, kept with the run (docs/metrics.md "Kept with the run"): the
-- report lists them per wave and the monitoring view charts a run from its start with them. Written
-- when the reading is judged; a run whose reading cannot be written pauses. Rows are only ever added:
-- in team mode the consoles may insert and read them, not change or delete them (docs/team-mode.md).
--   phase: 'wave' (the gates between waves and after the last), 'step' (a gate: step of one instance),
--          'watch' (the post-rollout watch); wave: the wave's number from 1 (0 for the watch)
--   scope: the instance of a gate step, or the instances the gate judged ("a, b, c")
--   window_from/window_to: the window the metric was read over (ISO-8601 UTC)
--   value, baseline, threshold: NULL when there was none (no data, a provider error, no baseline);
--   threshold is the limit the value was compared with, condition says how ("< 0.01", "within [1, 2]")
--   verdict: pass | fail | inconclusive | no-data | provider-error; source: scrape | prometheus
CREATE TABLE gate_measurements (
  id {{id}},
  run_id INTEGER NOT NULL REFERENCES runs(id),
  phase TEXT NOT NULL,
  wave INTEGER NOT NULL DEFAULT 0,
  gate TEXT NOT NULL,
  metric TEXT NOT NULL DEFAULT '',
  scope TEXT NOT NULL DEFAULT '',
  window_from TEXT NOT NULL DEFAULT '',
  window_to TEXT NOT NULL DEFAULT '',
  value DOUBLE PRECISION,
  baseline DOUBLE PRECISION,
  threshold DOUBLE PRECISION,
  condition TEXT NOT NULL DEFAULT '',
  verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'inconclusive', 'no-data', 'provider-error')),
  source TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  measured_at TEXT NOT NULL
);
CREATE INDEX gate_measurements_run ON gate_measurements (run_id, measured_at);
