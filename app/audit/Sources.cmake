target_sources(lockstep_engine PRIVATE
  audit/AuditAnchor.h
  audit/AuditAnchorCheck.h audit/AuditAnchorCheck.cpp
  audit/AuditAnchoring.h audit/AuditAnchoring.cpp
  audit/AuditChain.h audit/AuditChain.cpp
  audit/AuditExport.h audit/AuditExport.cpp
  audit/AuditFilter.h
  audit/AuditLog.h audit/AuditLog.cpp
  audit/AuditLogSink.h audit/AuditLogSink.cpp
  audit/AuditSubject.h audit/AuditSubject.cpp
  audit/AuditVerifyReport.h
  audit/AuditWitness.h
  audit/FileWitness.h audit/FileWitness.cpp
  audit/SyslogWitness.h audit/SyslogWitness.cpp
  audit/TableWitness.h audit/TableWitness.cpp
)
