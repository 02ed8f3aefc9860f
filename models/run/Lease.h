#pragma once

#include <QDateTime>
#include <QString>

namespace lockstep {

// A lock on an instance held by one run. The generation changes whenever the lease is taken, so a
// writer holding an old lease (a second console, a stale process) is refused on its next write.
struct Lease
{
    QString instance;
    qint64 runId = 0;
    QString operatorName;
    qint64 generation = 0;
    QDateTime acquiredAt;
};

} // namespace lockstep
