#pragma once

#include "app/ssh/HostKeyInfo.h"
#include "models/Result.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace lockstep {

// What a connection test found out: how far it got, the host key, and how it authenticated.
struct SshConnectionReport
{
    enum class Outcome {
        Connected,              // host key trusted and authenticated
        HostKeyUnknown,         // not in known_hosts: the operator may trust it
        HostKeyChanged,         // known_hosts holds another key: possible attack
        AuthenticationFailed,   // the server accepted none of the keys offered
        Unreachable,            // refused, timed out, no such host
        Failed,                 // anything else (bad target, unreadable file)
    };

    QString target;                         // as configured
    QString endpoint;                       // "user@host:port" after ssh_config
    Outcome outcome = Outcome::Failed;
    std::optional<HostKeyInfo> hostKey;     // set once the server presented its key
    QString authMethod;                     // Connected: "ssh-agent (key …)", "key file /path", …
    std::optional<Error> error;             // everything but Connected: what failed, where, what to do
    qint64 elapsedMs = 0;

    bool connected() const { return outcome == Outcome::Connected; }
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::SshConnectionReport)
