-- Team mode: chain heads anchored where consoles cannot rewrite them (docs/audit.md, docs/team-mode.md).
-- Consoles never insert into audit_anchors themselves: they call lockstep_anchor_audit_head(origin), which
-- runs as the table's owner (the auditor role, after the grants of docs/team-mode.md), reads the head
-- from audit_events and inserts it. No role is granted UPDATE or DELETE on it.
-- A SQLite store is one file its user can rewrite whole: there the witnesses are a file outside the data
-- directory and the system log, so this migration is for PostgreSQL only.
-- @postgres
CREATE TABLE audit_anchors (id {{id}}, seq BIGINT NOT NULL, hash TEXT NOT NULL, at TEXT NOT NULL, origin TEXT NOT NULL, anchored_by TEXT NOT NULL);
CREATE FUNCTION lockstep_anchor_audit_head(anchor_origin TEXT)
RETURNS TABLE (anchored_seq BIGINT, anchored_hash TEXT, anchored_at TEXT)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
INSERT INTO audit_anchors (seq, hash, at, origin, anchored_by)
SELECT seq, hash, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), anchor_origin, session_user
FROM audit_events ORDER BY seq DESC LIMIT 1
RETURNING seq, hash, at
$$;
-- @end
