-- Who signed (docs/team-mode.md "Who is acting", docs/audit.md "Signed sign-offs"): how a sign-off's
-- operator was authenticated, the SSH principal and SSHSIG signature when it was signed with a key, the
-- SHA-256 of the evidence the signer saw, and the role the runbook's rule asked for.
ALTER TABLE signoffs ADD COLUMN authentication TEXT NOT NULL DEFAULT '';
ALTER TABLE signoffs ADD COLUMN principal TEXT NOT NULL DEFAULT '';
ALTER TABLE signoffs ADD COLUMN signature TEXT NOT NULL DEFAULT '';
ALTER TABLE signoffs ADD COLUMN evidence_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE signoffs ADD COLUMN role TEXT NOT NULL DEFAULT '';

-- @postgres
-- Team mode: the operator is the session's role, set by the server, whatever name a client sends.
-- A superuser is not held by these triggers (it could drop them); consoles never run as one.
CREATE FUNCTION lockstep_session_operator(claimed TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN claimed
              ELSE session_user::text END
$$;

-- Who may sign off, approve a wave or override a policy: members of lockstep_approver (and superusers).
-- (A role that does not exist has no members: pg_has_role would raise instead.)
CREATE FUNCTION lockstep_has_role(who TEXT, role TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = who), false) THEN true
              WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role) THEN false
              ELSE pg_has_role(who, role, 'MEMBER') END
$$;
CREATE FUNCTION lockstep_is_approver(who TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT lockstep_has_role(who, 'lockstep_approver')
$$;

CREATE FUNCTION lockstep_signoff_identity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.operator := lockstep_session_operator(NEW.operator);
  IF NOT lockstep_is_approver(session_user::text) THEN
    RAISE EXCEPTION 'permission denied: % may not sign off or approve (not a member of lockstep_approver)', session_user
      USING ERRCODE = '42501', HINT = 'GRANT lockstep_approver TO the operator (docs/team-mode.md)';
  END IF;
  IF NEW.role <> '' AND NOT lockstep_has_role(session_user::text, NEW.role) THEN
    RAISE EXCEPTION 'permission denied: % may not sign off "%" (not a member of %)', session_user, NEW.item, NEW.role
      USING ERRCODE = '42501';
  END IF;
  IF NEW.operator = session_user::text THEN
    NEW.authentication := 'database-role';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER signoffs_identity BEFORE INSERT ON signoffs FOR EACH ROW EXECUTE FUNCTION lockstep_signoff_identity();

-- A run's initiator and a lease's holder are the session's role too; the initiator never changes.
CREATE FUNCTION lockstep_run_initiator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    NEW.operator := OLD.operator;
  ELSE
    NEW.operator := lockstep_session_operator(NEW.operator);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER runs_identity BEFORE INSERT OR UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION lockstep_run_initiator();
CREATE FUNCTION lockstep_lease_holder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.operator := lockstep_session_operator(NEW.operator);
  RETURN NEW;
END
$$;
CREATE TRIGGER leases_identity BEFORE INSERT OR UPDATE OF operator, run_id, generation ON leases
  FOR EACH ROW EXECUTE FUNCTION lockstep_lease_holder();

-- One line of the audit record's canonical form (app/audit/AuditChain, docs/audit.md).
CREATE FUNCTION lockstep_audit_line(label TEXT, v TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT label || ':' || octet_length(convert_to(v, 'UTF8')) || ':' || v || E'\n'
$$;

-- An audit record names the session's role as its operator ("lockstep", the engine's own decisions,
-- stays, except for the decisions only a person makes). Its hash is computed again here over what is
-- stored, so the chain verifies exactly as docs/audit.md describes.
CREATE FUNCTION lockstep_audit_identity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  decision BOOLEAN := NEW.action IN ('signoff', 'wave.approved', 'override', 'failure-budget.override');
BEGIN
  IF decision AND NOT lockstep_is_approver(session_user::text) THEN
    RAISE EXCEPTION 'permission denied: % may not record "%" (not a member of lockstep_approver)', session_user, NEW.action
      USING ERRCODE = '42501', HINT = 'GRANT lockstep_approver TO the operator (docs/team-mode.md)';
  END IF;
  IF decision OR NEW.operator <> 'lockstep' THEN
    NEW.operator := lockstep_session_operator(NEW.operator);
  END IF;
  NEW.hash := encode(sha256(convert_to('lockstep-audit-v1' || E'\n'
      || lockstep_audit_line('seq', NEW.seq::text) || lockstep_audit_line('time', NEW.at)
      || lockstep_audit_line('operator', NEW.operator) || lockstep_audit_line('action', NEW.action)
      || lockstep_audit_line('run_id', NEW.run_id) || lockstep_audit_line('instance', NEW.instance)
      || lockstep_audit_line('from_version', NEW.from_version) || lockstep_audit_line('to_version', NEW.to_version)
      || lockstep_audit_line('result', NEW.result) || lockstep_audit_line('reason', NEW.reason)
      || lockstep_audit_line('evidence', NEW.evidence) || lockstep_audit_line('prev_hash', NEW.prev_hash), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_events_identity BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION lockstep_audit_identity();
-- @end
