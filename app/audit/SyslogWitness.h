#pragma once

#include "app/audit/AuditWitness.h"

namespace lockstep {

// Chain heads sent to the system log (syslogd, rsyslog, or systemd-journald, which all read /dev/log),
// facility auth, priority notice, tag "lockstep", as one line `lockstep-audit-anchor {json}`. The
// message is sent to the socket directly rather than through syslog(3), which drops messages without
// saying so: a machine without a syslog daemon makes write() fail, and the caller reports and audits it.
// Nothing reads it back here: the system log is the auditor's copy (journalctl -t lockstep).
class SyslogWitness final : public AuditWitness
{
public:
    explicit SyslogWitness(QString socketPath = defaultSocket()) : m_socket(std::move(socketPath)) {}

    QString name() const override { return QStringLiteral("syslog ") + m_socket; }
    Result<AuditAnchor> write(const AuditAnchor &anchor) override;

    static QString defaultSocket() { return QStringLiteral("/dev/log"); }
    // The line as it is sent, without the syslog header; tests and docs use it.
    static QByteArray message(const AuditAnchor &anchor);

private:
    QString m_socket;
};

} // namespace lockstep
