target_sources(lockstep_engine PRIVATE
  audit/AuditChain.h audit/AuditChain.cpp
  audit/AuditExport.h audit/AuditExport.cpp
  audit/AuditFilter.h
  audit/AuditLog.h audit/AuditLog.cpp
  audit/AuditLogSink.h audit/AuditLogSink.cpp
  audit/AuditVerifyReport.h
)
