#include "app/core/Logging.h"

#include "app/core/LogHub.h"

#include <QDir>

#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace lockstep {

namespace {

spdlog::level::level_enum toSpdlog(LogLevel level)
{
    switch (level) {
    case LogLevel::Trace: return spdlog::level::trace;
    case LogLevel::Debug: return spdlog::level::debug;
    case LogLevel::Info: return spdlog::level::info;
    case LogLevel::Warning: return spdlog::level::warn;
    case LogLevel::Error: return spdlog::level::err;
    case LogLevel::Critical: return spdlog::level::critical;
    }
    return spdlog::level::info;
}

LogLevel fromSpdlog(spdlog::level::level_enum level)
{
    switch (level) {
    case spdlog::level::trace: return LogLevel::Trace;
    case spdlog::level::debug: return LogLevel::Debug;
    case spdlog::level::info: return LogLevel::Info;
    case spdlog::level::warn: return LogLevel::Warning;
    case spdlog::level::err: return LogLevel::Error;
    default: return LogLevel::Critical;
    }
}

// Hands every formatted line to LogHub; the panel's model receives it queued on the GUI thread.
class HubSink final : public spdlog::sinks::base_sink<std::mutex>
{
protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        LogEntry entry;
        entry.time = QDateTime::fromMSecsSinceEpoch(
            std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count());
        entry.level = fromSpdlog(msg.level);
        entry.source = QString::fromUtf8(msg.logger_name.data(), qsizetype(msg.logger_name.size()));
        entry.message = QString::fromUtf8(msg.payload.data(), qsizetype(msg.payload.size()));
        emit LogHub::instance()->entryLogged(entry);
    }
    void flush_() override {}
};

struct LogState
{
    std::mutex mutex;
    std::vector<spdlog::sink_ptr> sinks;
    std::map<std::string, std::shared_ptr<spdlog::logger>> loggers;
    spdlog::level::level_enum level = spdlog::level::info;
    QString filePath;
    QtMessageHandler previousHandler = nullptr;
    Redactor redactor;
    bool initialized = false;
};

LogState &state()
{
    static LogState s;
    return s;
}

// One spdlog logger per source (our areas and Qt's categories), all writing to the same sinks.
std::shared_ptr<spdlog::logger> loggerFor(const std::string &name)
{
    LogState &s = state();
    std::lock_guard lock(s.mutex);
    if (!s.initialized)
        return {};
    auto it = s.loggers.find(name);
    if (it != s.loggers.end())
        return it->second;
    auto logger = std::make_shared<spdlog::logger>(name, s.sinks.begin(), s.sinks.end());
    logger->set_level(s.level);
    logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] [%n] %v");
    logger->flush_on(spdlog::level::warn);
    s.loggers.emplace(name, logger);
    return logger;
}

thread_local bool t_inHandler = false;

void qtMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // A message raised while logging (e.g. from a sink) must not come back in and deadlock.
    if (t_inHandler) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(message));
        return;
    }
    t_inHandler = true;
    LogLevel level = LogLevel::Info;
    switch (type) {
    case QtDebugMsg: level = LogLevel::Debug; break;
    case QtInfoMsg: level = LogLevel::Info; break;
    case QtWarningMsg: level = LogLevel::Warning; break;
    case QtCriticalMsg: level = LogLevel::Error; break;
    case QtFatalMsg: level = LogLevel::Critical; break;
    }
    const bool named = context.category && std::strcmp(context.category, "default") != 0;
    Logging::log(level, named ? QString::fromUtf8(context.category) : QStringLiteral("qt"), message);
    t_inHandler = false;
    if (type == QtFatalMsg) {
        Logging::flush();
        std::abort();
    }
}

} // namespace

Status Logging::init(const Options &options)
{
    std::vector<spdlog::sink_ptr> sinks;
    QString filePath;
    try {
        if (!options.directory.isEmpty()) {
            if (!QDir().mkpath(options.directory))
                return Error{QStringLiteral("cannot create the log directory"), options.directory,
                             QStringLiteral("check its permissions or pass another --data-dir")};
            filePath = QDir(options.directory).filePath(QStringLiteral("lockstep.log"));
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                filePath.toStdString(), std::size_t(options.maxFileSize), std::size_t(std::max(1, options.maxFiles))));
        }
        if (options.console)
            sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    } catch (const spdlog::spdlog_ex &e) {
        return Error{QStringLiteral("cannot open the log file: %1").arg(QString::fromUtf8(e.what())), filePath,
                     QStringLiteral("check the data directory's permissions")};
    }
    sinks.push_back(std::make_shared<HubSink>());
    {
        LogState &s = state();
        std::lock_guard lock(s.mutex);
        s.sinks = std::move(sinks);
        s.loggers.clear();
        s.level = toSpdlog(options.level);
        s.filePath = filePath;
        s.initialized = true;
    }
    QtMessageHandler previous = qInstallMessageHandler(qtMessageHandler);
    if (previous != qtMessageHandler)
        state().previousHandler = previous;
    return okStatus();
}

void Logging::shutdown()
{
    flush();
    qInstallMessageHandler(state().previousHandler);
    LogState &s = state();
    std::lock_guard lock(s.mutex);
    s.loggers.clear();
    s.sinks.clear();
    s.filePath.clear();
    s.initialized = false;
}

QString Logging::filePath()
{
    LogState &s = state();
    std::lock_guard lock(s.mutex);
    return s.filePath;
}

void Logging::flush()
{
    LogState &s = state();
    std::lock_guard lock(s.mutex);
    for (auto &[name, logger] : s.loggers)
        logger->flush();
}

void Logging::redact(const Redactor &redactor)
{
    LogState &s = state();
    std::lock_guard lock(s.mutex);
    s.redactor = s.redactor.with(redactor.secrets());
}

void Logging::log(LogLevel level, const QString &source, const QString &raw)
{
    Redactor redactor;
    {
        LogState &s = state();
        std::lock_guard lock(s.mutex);
        redactor = s.redactor;
    }
    const QString message = redactor.redact(raw);
    const auto logger = loggerFor(source.toStdString());
    if (!logger) {
        std::fprintf(stderr, "[%s] %s\n", qUtf8Printable(source), qUtf8Printable(message));
        return;
    }
    const QByteArray utf8 = message.toUtf8();
    logger->log(toSpdlog(level), spdlog::string_view_t(utf8.constData(), std::size_t(utf8.size())));
}

} // namespace lockstep
