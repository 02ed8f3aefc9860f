#include "ReportCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "app/audit/AuditLog.h"
#include "app/report/RunReport.h"
#include "app/report/StoredRunReport.h"

#include <QTextStream>

#include <cstring>

namespace lockstep {

bool ReportCommand::isNamed(int argc, char **argv)
{
    return argc >= 2 && std::strcmp(argv[1], "report") == 0;
}

QList<QCommandLineOption> ReportCommand::options()
{
    return QList<QCommandLineOption>{{QStringLiteral("pdf"), QStringLiteral("Write the report as PDF to FILE."), QStringLiteral("FILE")},
                                     {QStringLiteral("html"), QStringLiteral("Write the report as HTML (charts embedded) to FILE."),
                                      QStringLiteral("FILE")}}
           + CliSession::storeOptions();
}

int ReportCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli report")} + arguments)) {
        err << parser.errorText() << "\n" << CliHelp::usageError(QStringLiteral("report"));
        return 2;
    }
    bool numeric = false;
    const qint64 runId = parser.positionalArguments().value(0).toLongLong(&numeric);
    if (parser.positionalArguments().size() != 1 || !numeric || runId <= 0
        || (!parser.isSet(QStringLiteral("pdf")) && !parser.isSet(QStringLiteral("html")))) {
        err << CliHelp::usageError(QStringLiteral("report"));
        return 2;
    }
    auto session = CliSession::open(parser);
    if (!session) {
        err << "error: " << session.error().toString() << "\n";
        return 2;
    }
    AuditLog audit((*session)->db());
    auto data = StoredRunReport::load((*session)->runtime(), &audit, runId);
    if (!data) {
        err << "error: " << data.error().toString() << "\n";
        return 1;
    }
    for (const QString &format : {QStringLiteral("pdf"), QStringLiteral("html")}) {
        if (!parser.isSet(format))
            continue;
        const QString path = parser.value(format);
        const Status written = format == QLatin1String("pdf") ? RunReport::writePdf(*data, path) : RunReport::writeHtml(*data, path);
        if (!written) {
            err << "error: " << written.error().toString() << "\n";
            return 1;
        }
        out << "report of run " << runId << " written to " << path << "\n";
    }
    return 0;
}

} // namespace lockstep
