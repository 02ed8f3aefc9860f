-- A run's post-rollout watch (runbook `watch:`): when it started, so a console that restarts continues
-- the watch with the time that is left instead of starting it again. '' = the run has not watched.
ALTER TABLE runs ADD COLUMN watch_started_at TEXT NOT NULL DEFAULT '';
