#include "WatchCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "models/Clock.h"
#include "models/store/StoreNotifier.h"

#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

namespace lockstep {

QList<QCommandLineOption> WatchCommand::options()
{
    return QList<QCommandLineOption>{
               {QStringLiteral("run"), QStringLiteral("Only this run's events."), QStringLiteral("run")},
               {QStringLiteral("count"), QStringLiteral("Stop after this many events."), QStringLiteral("n")},
               {QStringLiteral("for"), QStringLiteral("Stop after this many seconds."), QStringLiteral("seconds")},
           }
           + CliSession::storeOptions();
}

int WatchCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli watch")} + arguments)) {
        err << parser.errorText() << "\n" << CliHelp::usageError(QStringLiteral("watch"));
        return 2;
    }
    auto session = CliSession::open(parser);
    if (!session) {
        err << "error: " << session.error().toString() << "\n";
        return 2;
    }
    StoreNotifier notifier((*session)->db());
    if (!notifier.status()) {
        err << "error: " << notifier.status().error().toString() << "\n";
        return 2;
    }
    const qint64 onlyRun = parser.value(QStringLiteral("run")).toLongLong();
    const int count = parser.value(QStringLiteral("count")).toInt();
    int seen = 0;
    QEventLoop loop;
    QObject::connect(&notifier, &StoreNotifier::changed, &loop, [&](const QString &kind, qint64 runId) {
        if (onlyRun > 0 && runId != onlyRun)
            return;
        out << Clock::instance().now().toUTC().toString(QStringLiteral("HH:mm:ss.zzz")) << " " << kind << " run " << runId << "\n";
        out.flush();
        if (count > 0 && ++seen >= count)
            loop.quit();
    });
    if (const int seconds = parser.value(QStringLiteral("for")).toInt(); seconds > 0)
        QTimer::singleShot(std::chrono::seconds(seconds), &loop, &QEventLoop::quit);
    out << "listening on " << Database::displayLocation((*session)->db().location()) << "\n";
    out.flush();
    loop.exec();
    return 0;
}

} // namespace lockstep
