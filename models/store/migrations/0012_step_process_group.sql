-- The process group a local step's command runs in (its own session, so the group outlives a killed
-- console), and what identifies that group's leader beyond its id: "host boot-id start-time" from
-- /proc/PID/stat, so a recycled pid is never taken for it. 0 / '' = the step started no local process.
-- Recovery waits for (or, on the operator's word, kills) a group a dead console left running before an
-- interrupted step can be resolved.
ALTER TABLE step_attempts ADD COLUMN process_group INTEGER NOT NULL DEFAULT 0;
ALTER TABLE step_attempts ADD COLUMN process_identity TEXT NOT NULL DEFAULT '';
