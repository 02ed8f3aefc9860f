#pragma once

#include "app/audit/AuditAnchor.h"
#include "app/audit/AuditVerifyReport.h"
#include "app/audit/AuditWitness.h"
#include "models/Result.h"

#include <QList>

#include <memory>
#include <optional>
#include <vector>

namespace lockstep {

class AuditLog;
class Database;

// Anchors the audit chain's head outside the store and checks the chain against what was anchored
// (docs/audit.md, "Anchoring"). The witnesses: a file outside the data directory (always), the system
// log (unless turned off), and in team mode the `audit_anchors` table. The CLI and the GUI anchor at the
// end of every run and on demand; `audit verify` compares the chain with every readable witness.
class AuditAnchoring
{
public:
    struct Options
    {
        QString witnessFile;     // empty: FileWitness::defaultPath()
        QString syslogSocket;    // empty: /dev/log; "off": no system log witness

        // --witness-file / --syslog-socket when given, else $LOCKSTEP_AUDIT_WITNESS_FILE /
        // $LOCKSTEP_SYSLOG_SOCKET, else the audit/witnessFile and audit/syslogSocket settings, else defaults.
        static Options resolve(const QString &witnessFileFlag = {}, const QString &syslogSocketFlag = {});
    };

    struct WitnessResult
    {
        QString witness;               // AuditWitness::name()
        std::optional<Error> error;    // empty: written
    };

    struct Report
    {
        AuditAnchor anchor;                 // the head that was anchored
        QList<WitnessResult> results;       // one per witness, in the order written
        qint64 failureRecordSeq = 0;        // the audit record of the failure, when a witness failed
        bool ok() const;
        QStringList failures() const;       // "syslog /dev/log: the system log did not take …"
    };

    AuditAnchoring(Database &db, AuditLog &log, const Options &options);
    ~AuditAnchoring();
    AuditAnchoring(const AuditAnchoring &) = delete;
    AuditAnchoring &operator=(const AuditAnchoring &) = delete;

    // Writes the current head to every witness. A witness that fails is named in the report, logged as a
    // warning and recorded in the audit log (`audit.anchor`, result `failed`); that record is then
    // anchored in the witnesses that work. The error is returned only when the store itself fails (the
    // head cannot be read, or the failure cannot be audited).
    Result<Report> anchor(const QString &origin, const QString &operatorName);

    // The whole chain (AuditLog::verify), then every head the readable witnesses recorded for this store
    // (AuditAnchorCheck). `expectedHead` as in AuditLog::verify.
    Result<AuditVerifyReport> verify(const QString &expectedHead = {}) const;
    // The second half of verify(): compares a chain report already made (AuditLog::verifyAt on a worker)
    // with the heads the readable witnesses recorded. A report that is not ok comes back unchanged.
    Result<AuditVerifyReport> checkWitnesses(const AuditVerifyReport &chain) const;

    // Verifies an export (JSON or CSV, by its extension) alone: its chain, its own "head" (JSON; an export
    // cut short no longer ends at it), `expectedHead` when given, and the heads `witnessFile` recorded
    // for the same chain (matched by record 1's hash, since an export does not name its store).
    static Result<AuditVerifyReport> verifyExport(const QString &path, const QString &expectedHead,
                                                  const QString &witnessFile);

    // How witnesses name a store: the SQLite file's canonical path, or postgresql://host:port/database
    // (no user: every operator's console names the same store alike).
    static QString storeIdentity(const Database &db);

    QStringList witnessNames() const;

private:
    Result<AuditAnchor> head(const QString &origin) const;
    void writeAll(const AuditAnchor &anchor, const std::vector<AuditWitness *> &witnesses, Report &report);

    Database &m_db;
    AuditLog &m_log;
    Options m_options;
    std::vector<std::unique_ptr<AuditWitness>> m_witnesses;
};

} // namespace lockstep
