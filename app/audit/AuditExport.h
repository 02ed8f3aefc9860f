#pragma once

#include "models/AuditEvent.h"
#include "models/Result.h"

#include <QList>

class QIODevice;

namespace lockstep {

// Writes and reads audit exports (JSON and CSV, docs/audit.md). Values are written exactly as stored so an
// auditor can recompute every hash from the export alone; reading back is what verifies an export.
class AuditExport
{
public:
    static Status writeJson(const QList<AuditEvent> &events, QIODevice &out);
    static Status writeCsv(const QList<AuditEvent> &events, QIODevice &out);
    // `head`, when given, receives the export's own "head" (empty when the export has none).
    static Result<QList<AuditEvent>> readJson(QIODevice &in, QString *head = nullptr);
    static Result<QList<AuditEvent>> readCsv(QIODevice &in);

    static const QStringList &columns();
};

} // namespace lockstep
