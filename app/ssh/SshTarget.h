#pragma once

#include "models/Result.h"

#include <QString>

namespace lockstep {

// Where a command goes: "user@host:port", "host", "[::1]:2222" or an ssh_config Host alias.
// User and port are empty/0 when the target leaves them to ssh_config and the defaults.
struct SshTarget
{
    QString user;
    QString host;       // host name, address or ssh_config alias
    quint16 port = 0;

    static Result<SshTarget> parse(const QString &text);

    // The key connections are shared under; also how the target is named in messages.
    QString toString() const;
};

} // namespace lockstep
