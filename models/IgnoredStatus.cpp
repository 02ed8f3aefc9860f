#include "models/IgnoredStatus.h"

#include <QLoggingCategory>

namespace lockstep {

namespace {
Q_LOGGING_CATEGORY(lcIgnored, "lockstep.ignored")
}

void ignoreStatus(const Status &status, const char *why)
{
    if (!status)
        qCWarning(lcIgnored).noquote() << status.error().toString() << QStringLiteral("(ignored:") << QString::fromUtf8(why)
                                       << QStringLiteral(")");
}

} // namespace lockstep
