-- Team mode: a lease is held while its console heartbeats. A console that dies stops refreshing
-- heartbeat_at; once it is older than the lease timeout another console may take the instance over
-- (the generation grows, so the dead console's late writes are refused). '' = never heartbeated
-- (leases from before this migration, single-console stores): such a lease does not expire.
ALTER TABLE leases ADD COLUMN heartbeat_at TEXT NOT NULL DEFAULT '';
