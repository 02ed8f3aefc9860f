#include "app/cli/AuditCommand.h"

#include "app/cli/CliHelp.h"

#include "app/audit/AuditAnchoring.h"
#include "app/audit/AuditLog.h"
#include "app/audit/FileWitness.h"
#include "app/cli/AnchorReportPrinter.h"
#include "models/store/Database.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

namespace lockstep {

namespace {

constexpr int kIntact = 0;
constexpr int kBroken = 1;
constexpr int kFailed = 2;

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int usage()
{
    err() << CliHelp::usageError(QStringLiteral("audit"));
    err().flush();
    return kFailed;
}

int fail(const Error &error)
{
    err() << "error: " << error.toString() << '\n';
    err().flush();
    return kFailed;
}

// Opens the store without creating one: verifying or exporting a database that is not there is a mistake.
Status openExisting(Database &db, const QString &location)
{
    const bool url = location.startsWith(QLatin1String("postgresql://"))
                     || location.startsWith(QLatin1String("postgres://"));
    if (!url && !QFileInfo::exists(location))
        return Error{QStringLiteral("no database here"), location, QStringLiteral("pass --database PATH")};
    return db.open(location, QStringLiteral("lockstep-cli"));
}

int report(const AuditVerifyReport &report)
{
    if (report.ok()) {
        out() << "audit log intact: " << report.records << " records, head " << report.headHash << '\n';
        if (!report.anchorNote.isEmpty())
            out() << report.anchorNote << '\n';
        out().flush();
        return kIntact;
    }
    out() << "audit log broken at record " << report.firstBrokenSeq << " (" << auditProblemName(report.problem)
          << "): " << report.reason << '\n';
    out().flush();
    return kBroken;
}

int verifyExport(const QString &path, const QString &expectedHead, const QString &witnessFile)
{
    const auto result = AuditAnchoring::verifyExport(path, expectedHead, witnessFile);
    if (!result)
        return fail(result.error());
    return report(*result);
}

} // namespace

QList<QCommandLineOption> AuditCommand::options()
{
    return {
        // The default is not given here: it is a per-user path, and this list also writes the manual page.
        {QStringLiteral("database"), QStringLiteral("Database file or postgresql:// URL (default: the store in the "
                                                    "per-user data directory)."), QStringLiteral("path")},
        {QStringLiteral("expect-head"), QStringLiteral("Head hash kept elsewhere; verify fails if the chain ends elsewhere."),
         QStringLiteral("hash")},
        {QStringLiteral("export"), QStringLiteral("Verify an export file (JSON or CSV) instead of the store."),
         QStringLiteral("file")},
        {QStringLiteral("format"), QStringLiteral("Export format: json or csv."), QStringLiteral("format"), QStringLiteral("json")},
        {QStringLiteral("output"), QStringLiteral("File to write (default: standard output)."), QStringLiteral("file")},
        {QStringLiteral("witness-file"), QStringLiteral("File of anchored chain heads, outside the data directory (default: "
                                                        "$LOCKSTEP_AUDIT_WITNESS_FILE, the audit/witnessFile setting, "
                                                        "~/.local/state/lockstep/audit-anchors.jsonl)."),
         QStringLiteral("file")},
        {QStringLiteral("syslog-socket"), QStringLiteral("System log socket the head is also sent to by anchor "
                                                         "(default /dev/log; off: none)."),
         QStringLiteral("path")},
        {QStringLiteral("operator"), QStringLiteral("Who anchors (default $LOCKSTEP_OPERATOR, $USER)."), QStringLiteral("name")},
    };
}

int AuditCommand::run(const QStringList &args)
{
    if (args.isEmpty())
        return usage();
    const QString action = args.first();
    QCommandLineParser parser;
    parser.addOptions(options());
    const QString expectHead = QStringLiteral("expect-head");
    const QString exportFile = QStringLiteral("export");
    const QString format = QStringLiteral("format");
    const QString output = QStringLiteral("output");
    const QString witnessFile = QStringLiteral("witness-file");
    const QString syslogSocket = QStringLiteral("syslog-socket");
    const QString operatorName = QStringLiteral("operator");
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli audit")} + args.mid(1))) {
        err() << "error: " << parser.errorText() << '\n';
        return usage();
    }
    if (!parser.positionalArguments().isEmpty())
        return usage();
    const QString database = parser.isSet(QStringLiteral("database")) ? parser.value(QStringLiteral("database"))
                                                                      : Database::defaultLocation();

    const AuditAnchoring::Options witnesses =
        AuditAnchoring::Options::resolve(parser.value(witnessFile), parser.value(syslogSocket));
    if (action == QLatin1String("verify")) {
        if (parser.isSet(exportFile))
            return verifyExport(parser.value(exportFile), parser.value(expectHead),
                                witnesses.witnessFile.isEmpty() ? FileWitness::defaultPath() : witnesses.witnessFile);
        Database db;
        if (Status s = openExisting(db, database); !s)
            return fail(s.error());
        AuditLog log(db);
        const auto result = AuditAnchoring(db, log, witnesses).verify(parser.value(expectHead));
        if (!result)
            return fail(result.error());
        return report(*result);
    }

    if (action == QLatin1String("anchor")) {
        Database db;
        if (Status s = openExisting(db, database); !s)
            return fail(s.error());
        AuditLog log(db);
        QString who = parser.value(operatorName);
        if (who.isEmpty())
            who = qEnvironmentVariable("LOCKSTEP_OPERATOR", qEnvironmentVariable("USER", QStringLiteral("operator")));
        const auto anchored = AuditAnchoring(db, log, witnesses).anchor(QStringLiteral("on demand by %1").arg(who), who);
        if (!anchored)
            return fail(anchored.error());
        return printAnchorReport(*anchored, out(), err()) ? kIntact : kBroken;
    }

    if (action == QLatin1String("export")) {
        const QString fmt = parser.value(format).toLower();
        if (fmt != QLatin1String("json") && fmt != QLatin1String("csv")) {
            err() << "error: unknown format \"" << fmt << "\"\n";
            return usage();
        }
        Database db;
        if (Status s = openExisting(db, database); !s)
            return fail(s.error());
        QFile file;
        const bool toFile = parser.isSet(output);
        if (toFile) {
            file.setFileName(parser.value(output));
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return fail(Error{QStringLiteral("cannot write: %1").arg(file.errorString()), file.fileName(), {}});
        } else if (!file.open(stdout, QIODevice::WriteOnly)) {
            return fail(Error{QStringLiteral("cannot write to standard output"), {}, {}});
        }
        AuditLog log(db);
        const Status written = fmt == QLatin1String("csv") ? log.exportCsv(file) : log.exportJson(file);
        if (!written)
            return fail(written.error());
        if (toFile && !file.flush())
            return fail(Error{QStringLiteral("cannot write: %1").arg(file.errorString()), file.fileName(), {}});
        return kIntact;
    }
    return usage();
}

} // namespace lockstep
