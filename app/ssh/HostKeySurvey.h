#pragma once

#include "app/ssh/HostKeyInfo.h"
#include "app/ssh/SshOptions.h"
#include "models/Result.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace lockstep {

// "Scan and trust" before a window: the host keys of a whole inventory, several hosts at once, so a
// fleet with unreachable hosts is not scanned one connect timeout after the other.
class HostKeySurvey
{
public:
    struct Host
    {
        QString instance;       // inventory name (may be empty for a bare target)
        QString target;         // user@host:port or alias
        SshOptions options;     // the console's options with the instance's settings applied
    };

    struct Finding
    {
        Host host;
        std::optional<HostKeyInfo> key;     // set when the host presented a key
        std::optional<Error> error;         // unreachable, bad target, unreadable known_hosts ...
    };

    // Scans every host (HostKeyScanner::scan), at most `parallel` at once; blocks until all are done.
    // `onFinding` (optional) is called from worker threads as each host is done, with its index.
    static QList<Finding> scan(const QList<Host> &hosts, int parallel = 8,
                               const std::function<void(int index, const Finding &finding)> &onFinding = {});
};

} // namespace lockstep
