#include "app/audit/AuditAnchoring.h"

#include "app/audit/AuditAnchorCheck.h"
#include "app/audit/AuditChain.h"
#include "app/audit/AuditExport.h"
#include "app/audit/AuditLog.h"
#include "app/audit/FileWitness.h"
#include "app/audit/SyslogWitness.h"
#include "app/audit/TableWitness.h"
#include "app/core/Logging.h"
#include "app/core/Settings.h"
#include "models/AuditActions.h"
#include "models/Clock.h"
#include "models/store/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QUrl>

namespace lockstep {

namespace {

QString firstOf(const QString &a, const QString &b, const QString &c)
{
    return !a.isEmpty() ? a : !b.isEmpty() ? b : c;
}

// Whoever can rewrite the store's directory can rewrite a witness kept in it.
bool insideDirectory(const QString &file, const QString &directory)
{
    const QString dir = QFileInfo(directory).canonicalFilePath();
    const QString fileDir = QFileInfo(QFileInfo(file).absolutePath()).canonicalFilePath();
    if (dir.isEmpty() || fileDir.isEmpty())
        return false;
    return fileDir == dir || fileDir.startsWith(dir + QLatin1Char('/'));
}

} // namespace

AuditAnchoring::Options AuditAnchoring::Options::resolve(const QString &witnessFileFlag, const QString &syslogSocketFlag)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Options o;
    o.witnessFile = firstOf(witnessFileFlag, env.value(QStringLiteral("LOCKSTEP_AUDIT_WITNESS_FILE")),
                            Settings::instance().get(settings::auditWitnessFile));
    o.syslogSocket = firstOf(syslogSocketFlag, env.value(QStringLiteral("LOCKSTEP_SYSLOG_SOCKET")),
                             Settings::instance().get(settings::auditSyslogSocket));
    return o;
}

bool AuditAnchoring::Report::ok() const
{
    return failures().isEmpty();
}

QStringList AuditAnchoring::Report::failures() const
{
    QStringList out;
    for (const WitnessResult &r : results)
        if (r.error)
            out << r.witness + QStringLiteral(": ") + r.error->toString();
    return out;
}

AuditAnchoring::AuditAnchoring(Database &db, AuditLog &log, const Options &options)
    : m_db(db), m_log(log), m_options(options)
{
    if (m_options.witnessFile.isEmpty())
        m_options.witnessFile = FileWitness::defaultPath();
    m_witnesses.push_back(std::make_unique<FileWitness>(QDir::cleanPath(QFileInfo(m_options.witnessFile).absoluteFilePath())));
    if (m_options.syslogSocket != QLatin1String("off"))
        m_witnesses.push_back(std::make_unique<SyslogWitness>(
            m_options.syslogSocket.isEmpty() ? SyslogWitness::defaultSocket() : m_options.syslogSocket));
    if (m_db.dialect() == Database::Dialect::Postgres)
        m_witnesses.push_back(std::make_unique<TableWitness>(m_db));
}

AuditAnchoring::~AuditAnchoring() = default;

QStringList AuditAnchoring::witnessNames() const
{
    QStringList out;
    for (const auto &w : m_witnesses)
        out << w->name();
    return out;
}

QString AuditAnchoring::storeIdentity(const Database &db)
{
    if (db.dialect() == Database::Dialect::Postgres) {
        const QUrl url(db.location());
        return QStringLiteral("postgresql://%1:%2%3").arg(url.host(), QString::number(url.port(5432)), url.path());
    }
    const QFileInfo file(db.location());
    const QString canonical = file.canonicalFilePath();
    return canonical.isEmpty() ? file.absoluteFilePath() : canonical;
}

Result<AuditAnchor> AuditAnchoring::head(const QString &origin) const
{
    AuditFilter newest;
    newest.newestFirst = true;
    newest.limit = 1;
    const auto last = m_log.query(newest);
    if (!last)
        return last.error();
    AuditFilter oldest;
    oldest.limit = 1;
    const auto first = m_log.query(oldest);
    if (!first)
        return first.error();
    AuditAnchor a;
    a.store = storeIdentity(m_db);
    a.seq = last->isEmpty() ? 0 : last->first().seq;
    a.hash = last->isEmpty() ? AuditChain::genesisHash() : last->first().hash;
    a.first = first->isEmpty() ? AuditChain::genesisHash() : first->first().hash;
    a.time = AuditChain::timeText(Clock::instance().now());
    a.origin = origin;
    return a;
}

void AuditAnchoring::writeAll(const AuditAnchor &anchor, const std::vector<AuditWitness *> &witnesses, Report &report)
{
    for (AuditWitness *w : witnesses) {
        WitnessResult result{w->name(), std::nullopt};
        auto *file = dynamic_cast<FileWitness *>(w);
        if (file && m_db.dialect() == Database::Dialect::Sqlite
            && insideDirectory(file->path(), QFileInfo(m_db.location()).absolutePath())) {
            result.error = Error{QStringLiteral("the witness file is in the store's directory, where whoever can "
                                                "rewrite the store can rewrite it too"),
                                 file->path(), QStringLiteral("choose a file outside the data directory (--witness-file)")};
        } else if (auto written = w->write(anchor); !written) {
            result.error = written.error();
        }
        if (result.error)
            Logging::log(LogLevel::Warning, QStringLiteral("audit"),
                         QStringLiteral("the audit head (record %1) was not anchored in %2: %3")
                             .arg(QString::number(anchor.seq), result.witness, result.error->toString()));
        report.results << result;
    }
}

Result<AuditAnchoring::Report> AuditAnchoring::anchor(const QString &origin, const QString &operatorName)
{
    auto current = head(origin);
    if (!current)
        return current.error();
    Report report;
    report.anchor = *current;
    std::vector<AuditWitness *> all;
    for (const auto &w : m_witnesses)
        all.push_back(w.get());
    writeAll(*current, all, report);
    if (report.ok())
        return report;

    // A witness that failed is itself an audited fact; the record of it is anchored where anchoring works.
    QJsonArray witnesses;
    std::vector<AuditWitness *> working;
    for (qsizetype i = 0; i < report.results.size(); ++i) {
        const WitnessResult &r = report.results.at(i);
        QJsonObject o{{QStringLiteral("witness"), r.witness}, {QStringLiteral("ok"), !r.error}};
        if (r.error)
            o.insert(QStringLiteral("error"), r.error->toString());
        else
            working.push_back(all.at(std::size_t(i)));
        witnesses.append(o);
    }
    AuditEvent event;
    event.operatorName = operatorName;
    event.action = AuditActions::auditAnchor();
    event.result = QStringLiteral("failed");
    event.reason = QStringLiteral("the chain head (record %1) could not be written to: %2")
                       .arg(QString::number(current->seq), report.failures().join(QStringLiteral("; ")));
    event.evidence = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("seq"), current->seq},
                                                                 {QStringLiteral("hash"), current->hash},
                                                                 {QStringLiteral("origin"), origin},
                                                                 {QStringLiteral("witnesses"), witnesses}})
                                           .toJson(QJsonDocument::Compact));
    const auto appended = m_log.append(event);
    if (!appended)
        return Error{QStringLiteral("a witness failed and the failure could not be audited: %1").arg(appended.error().message),
                     appended.error().where, report.failures().join(QStringLiteral("; "))};
    report.failureRecordSeq = appended->seq;
    if (working.empty())
        return report;
    auto after = head(origin + QStringLiteral(" (after a witness failed)"));
    if (!after)
        return after.error();
    Report second;
    writeAll(*after, working, second);
    // The second pass's own failures are reported, not audited again: that would never end.
    report.anchor = *after;
    for (const WitnessResult &r : std::as_const(second.results))
        if (r.error)
            report.results << r;
    return report;
}

Result<AuditVerifyReport> AuditAnchoring::verify(const QString &expectedHead) const
{
    auto chain = m_log.verify(expectedHead);
    if (!chain)
        return chain.error();
    return checkWitnesses(*chain);
}

Result<AuditVerifyReport> AuditAnchoring::checkWitnesses(const AuditVerifyReport &chain) const
{
    if (!chain.ok())
        return chain;
    const auto events = m_log.query();
    if (!events)
        return events.error();
    const QString store = storeIdentity(m_db);
    QList<AuditAnchor> anchors;
    for (const auto &w : m_witnesses) {
        if (!w->readable())
            continue;
        auto found = w->anchors(store, {});
        if (!found)
            return found.error();
        anchors << *found;
    }
    return AuditAnchorCheck::check(*events, chain, anchors);
}

Result<AuditVerifyReport> AuditAnchoring::verifyExport(const QString &path, const QString &expectedHead,
                                                       const QString &witnessFile)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the export: %1").arg(file.errorString()), path, {}};
    const bool csv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    QString head;
    const auto events = csv ? AuditExport::readCsv(file) : AuditExport::readJson(file, &head);
    if (!events)
        return Error{events.error().message, path + QLatin1Char(' ') + events.error().where, {}};
    const qint64 last = events->isEmpty() ? 0 : events->last().seq;
    // A JSON export names its own head: an export cut short no longer ends there.
    if (!csv && head.isEmpty()) {
        AuditVerifyReport missing;
        missing.records = events->size();
        missing.problem = AuditVerifyReport::Problem::Deleted;
        missing.firstBrokenSeq = last + 1;
        missing.reason = QStringLiteral("the export has no \"head\", so records cut from its end could not be seen");
        return missing;
    }
    AuditVerifyReport chain = AuditChain::verify(*events);
    if (!chain.ok())
        return chain;
    if (!csv) {
        chain = AuditChain::verify(*events, {}, head);
        if (chain.problem == AuditVerifyReport::Problem::Deleted)
            chain.reason = QStringLiteral("the export's head is %1…, but the export ends at record %2, which is not "
                                          "that record: records were cut from the end of the export")
                               .arg(head.left(16), QString::number(last));
    }
    if (chain.ok() && !expectedHead.isEmpty())
        chain = AuditChain::verify(*events, {}, expectedHead);
    if (!chain.ok())
        return chain;
    const QString first = events->isEmpty() ? QString() : events->first().hash;
    const auto anchors = FileWitness(witnessFile.isEmpty() ? FileWitness::defaultPath() : witnessFile).anchors({}, first);
    if (!anchors)
        return anchors.error();
    chain = AuditAnchorCheck::check(*events, chain, *anchors);
    if (csv && chain.ok())
        chain.anchorNote += QStringLiteral("; a CSV export carries no head: pass --expect-head to detect records cut "
                                           "from its end");
    return chain;
}

} // namespace lockstep
