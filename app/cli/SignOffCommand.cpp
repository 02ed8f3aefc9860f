#include "SignOffCommand.h"

#include "CliHelp.h"
#include "CliSession.h"
#include "app/engine/StoredRunSignOff.h"
#include "app/identity/OperatorIdentity.h"

#include <QFile>
#include <QTextStream>

namespace lockstep {

namespace {

Result<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (path == QLatin1String("-") ? !f.open(stdin, QIODevice::ReadOnly) : !f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read %1: %2").arg(path, f.errorString()), path, {}};
    return f.read(1 << 20);
}

int writeOut(const QByteArray &data, const QString &path, QTextStream &out, QTextStream &err)
{
    if (path.isEmpty() || path == QLatin1String("-")) {
        out << QString::fromUtf8(data);
        return 0;
    }
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size()) {
        err << "error: cannot write " << path << ": " << f.errorString() << "\n";
        return 2;
    }
    return 0;
}

} // namespace

QList<QCommandLineOption> SignOffCommand::options()
{
    return QList<QCommandLineOption>{
               {QStringLiteral("item"), QStringLiteral("Checklist item id."), QStringLiteral("id")},
               {QStringLiteral("comment"), QStringLiteral("What you checked."), QStringLiteral("text")},
               {QStringLiteral("key"), QStringLiteral("Your SSH public key; ssh-agent holds its private half."), QStringLiteral("file.pub")},
               {QStringLiteral("principal"), QStringLiteral("Your name in allowed_signers (default: the OS account)."), QStringLiteral("name")},
               {QStringLiteral("request"), QStringLiteral("Write what a second operator signs (with --output).")},
               {QStringLiteral("sign"), QStringLiteral("Sign this request file with --key (no store needed)."), QStringLiteral("file")},
               {QStringLiteral("import"), QStringLiteral("Verify this signed sign-off file and store it."), QStringLiteral("file")},
               {QStringLiteral("output"), QStringLiteral("Write the request or signed sign-off here (default stdout)."), QStringLiteral("file")},
           }
           + CliSession::storeOptions();
}

int SignOffCommand::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOptions(options());
    if (!parser.parse(QStringList{QStringLiteral("lockstep-cli signoff")} + arguments)) {
        err << parser.errorText() << "\n" << CliHelp::usageError(QStringLiteral("signoff"));
        return 2;
    }
    const QString principal = parser.isSet(QStringLiteral("principal")) ? parser.value(QStringLiteral("principal"))
                                                                        : OperatorIdentity::osAccount();
    const QString comment = parser.value(QStringLiteral("comment"));
    const QString output = parser.value(QStringLiteral("output"));

    // The second operator, on their own machine: only the request file and their key.
    if (parser.isSet(QStringLiteral("sign"))) {
        if (!parser.isSet(QStringLiteral("key"))) {
            err << CliHelp::usageError(QStringLiteral("signoff"));
            return 2;
        }
        const QString file = parser.value(QStringLiteral("sign"));
        auto data = readFile(file);
        auto request = data ? SignOffMessage::fromJson(*data, file) : Result<SignOffMessage>(data.error());
        if (!request) {
            err << "error: " << request.error().toString() << "\n";
            return 2;
        }
        err << "signing \"" << request->item << "\" of run " << request->runId << " (to " << request->targetVersion
            << ") as " << principal << "; the evidence shown to the first operator:\n"
            << (request->evidence.isEmpty() ? QStringLiteral("(none)") : request->evidence) << "\n";
        auto signedOff = StoredRunSignOff::signRequest(*request, parser.value(QStringLiteral("key")), principal, comment);
        if (!signedOff) {
            err << "refused: " << signedOff.error().toString() << "\n";
            return 2;
        }
        return writeOut(signedOff->toJson(), output, out, err);
    }

    const bool importing = parser.isSet(QStringLiteral("import"));
    if (parser.positionalArguments().size() != 1 || (!importing && !parser.isSet(QStringLiteral("item")))) {
        err << CliHelp::usageError(QStringLiteral("signoff"));
        return 2;
    }
    const qint64 runId = parser.positionalArguments().first().toLongLong();
    auto session = CliSession::open(parser);
    if (!session) {
        err << "error: " << session.error().toString() << "\n";
        return 2;
    }
    EngineRuntime &rt = (*session)->runtime();
    const QString item = parser.value(QStringLiteral("item"));

    if (importing) {
        const QString file = parser.value(QStringLiteral("import"));
        auto data = readFile(file);
        auto signedOff = data ? SignOffMessage::fromJson(*data, file) : Result<SignOffMessage>(data.error());
        if (signedOff && signedOff->runId != runId)
            signedOff = Error{QStringLiteral("the file signs run %1, not run %2").arg(signedOff->runId).arg(runId), file, {}};
        auto stored = signedOff ? StoredRunSignOff::import(rt, *signedOff) : Result<SignOff>(signedOff.error());
        if (!stored) {
            err << "refused: " << stored.error().toString() << "\n";
            return 2;
        }
        out << stored->operatorName << " signed off " << stored->item << " of run " << runId << " (SSH signature verified)\n";
        return 0;
    }
    if (parser.isSet(QStringLiteral("request"))) {
        auto request = StoredRunSignOff::request(rt, runId, item);
        if (!request) {
            err << "refused: " << request.error().toString() << "\n";
            return 2;
        }
        return writeOut(request->toJson(), output, out, err);
    }
    if (parser.isSet(QStringLiteral("key"))) {
        auto request = StoredRunSignOff::request(rt, runId, item);
        auto signedOff = request ? StoredRunSignOff::signRequest(*request, parser.value(QStringLiteral("key")), principal, comment)
                                 : Result<SignOffMessage>(request.error());
        auto stored = signedOff ? StoredRunSignOff::import(rt, *signedOff) : Result<SignOff>(signedOff.error());
        if (!stored) {
            err << "refused: " << stored.error().toString() << "\n";
            return 2;
        }
        out << stored->operatorName << " signed off " << item << " of run " << runId << " with an SSH key\n";
        return 0;
    }
    const QString op = (*session)->operatorName();
    auto signedOff = StoredRunSignOff::sign(rt, runId, item, op, comment);
    if (!signedOff) {
        err << "refused: " << signedOff.error().toString() << "\n";
        return 2;
    }
    out << signedOff->operatorName << " signed off " << signedOff->item << " of run " << runId << "\n";
    return 0;
}

} // namespace lockstep
