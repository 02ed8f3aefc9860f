#pragma once

#include "models/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace lockstep {

// What an operator's SSH key signs for a sign-off (SSHSIG, namespace kNamespace), and the file that
// carries it from the second operator's machine to the console that drives the run. The signed bytes
// are a canonical text, one length-prefixed line per field as in the audit chain (docs/audit.md):
//
//     lockstep-signoff-v1
//     run:<len>:<run id>            item:<len>:<item id>          runbook_sha256:<len>:<hex>
//     target_version:<len>:<semver> principal:<len>:<name>        time:<len>:<ISO-8601 UTC, ms, Z>
//     comment:<len>:<text>          evidence_sha256:<len>:<hex>
//
// (one field per line, in that order). A request is the same without principal, time, comment and
// signature; the evidence the signer is shown travels with it, and its hash is what gets signed.
struct SignOffMessage
{
    static constexpr const char *kNamespace = "lockstep-signoff@lockstep";
    static constexpr const char *kFormat = "lockstep-signoff-v1";

    qint64 runId = 0;
    QString item;
    QString runbookSha256;
    QString targetVersion;
    QString principal;
    QDateTime time;
    QString comment;
    QString evidence;               // not signed itself: its hash is
    QString signature;              // armored SSHSIG ("-----BEGIN SSH SIGNATURE-----"), empty in a request

    QString evidenceSha256() const;
    QString timeText() const;
    // The exact bytes the key signs and ssh-keygen -Y verify checks.
    QByteArray canonical() const;

    // The exchanged file: {"format": "lockstep-signoff-v1", "run": .., "item": .., ..., "message": the
    // canonical text (for an auditor), "signature": ..}.
    QByteArray toJson() const;
    static Result<SignOffMessage> fromJson(const QByteArray &json, const QString &where);

    static QString sha256(const QString &text);
};

} // namespace lockstep
