#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace lockstep {

enum class LogLevel { Trace, Debug, Info, Warning, Error, Critical };

QString logLevelName(LogLevel level);

// One line of the application log, as the log panel shows it.
struct LogEntry
{
    QDateTime time;
    LogLevel level = LogLevel::Info;
    QString source;    // logger or Qt category, e.g. "lockstep", "qt.network"
    QString message;
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::LogEntry)
