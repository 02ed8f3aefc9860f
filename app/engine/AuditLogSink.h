#pragma once

#include "app/engine/AuditSink.h"

namespace lockstep {

class AuditLog;

// The engine's audit trail into the hash-chained AuditLog.
class AuditLogSink final : public AuditSink
{
public:
    explicit AuditLogSink(AuditLog &log) : m_log(log) {}
    Status record(const EngineAuditEntry &entry) override;

private:
    AuditLog &m_log;
};

} // namespace lockstep
