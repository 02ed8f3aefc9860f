#pragma once

#include "models/Result.h"
#include "models/itemmodels/LogEntry.h"
#include "models/secret/Redactor.h"

#include <QString>

namespace lockstep {

// The application log: spdlog writes to a rotating file in the data directory and to stderr, and every
// line is also handed to LogHub for the log panel. Qt's own messages (qDebug, qWarning, categories)
// are routed into the same place, so there is one log with one format.
class Logging
{
public:
    struct Options
    {
        QString directory;                        // where lockstep.log is written; empty = no file
        bool console = true;                      // also write to stderr
        qsizetype maxFileSize = 5 * 1024 * 1024;  // rotate after this many bytes
        int maxFiles = 3;                         // keep lockstep.log.1 .. .N
        LogLevel level = LogLevel::Info;
    };

    static Status init(const Options &options);
    static void shutdown();
    static QString filePath();      // empty when there is no file sink
    static void flush();
    static void log(LogLevel level, const QString &source, const QString &message);
    // Adds secrets whose every form is masked in each message from now on (file, stderr and panel).
    static void redact(const Redactor &redactor);
};

} // namespace lockstep
