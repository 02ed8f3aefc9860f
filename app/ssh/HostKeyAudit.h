#pragma once

#include "app/ssh/HostKeyInfo.h"
#include "models/AuditEvent.h"

namespace lockstep {

// The audit record of an operator trusting a host key (AuditActions::hostKeyTrusted), the same from the CLI and
// the GUI: who, which host, key type, fingerprint and the known_hosts file written.
class HostKeyAudit
{
public:
    static AuditEvent trusted(const HostKeyInfo &key, const QString &operatorName, const QString &instance = {});
};

} // namespace lockstep
