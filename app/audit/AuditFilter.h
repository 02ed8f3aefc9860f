#pragma once

#include <QDateTime>
#include <QString>

namespace lockstep {

// Which audit records AuditLog::query returns; empty members do not filter.
struct AuditFilter
{
    QString runId;
    QString instance;
    QString action;
    QString operatorName;
    QDateTime from;          // inclusive
    QDateTime to;            // exclusive
    qint64 afterSeq = 0;     // only records with seq > afterSeq (for incremental views)
    int limit = 0;           // 0 = no limit
    bool newestFirst = false;
};

} // namespace lockstep
