# The audit view and the engine's audit trail into the hash-chained AuditLog.
target_sources(lockstep_ui PRIVATE
  audit/AuditEventModel.h audit/AuditEventModel.cpp
  audit/AuditPage.h audit/AuditPage.cpp
)
