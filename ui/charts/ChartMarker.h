#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace lockstep {

// An event drawn on a metric chart's time axis as a vertical line with a short label: where an upgrade
// started and ended, where each wave began, approvals and rollbacks.
struct ChartMarker
{
    enum class Kind { UpgradeStart, UpgradeEnd, Wave, Approval, Rollback };

    QDateTime time;
    Kind kind = Kind::Wave;
    QString label;          // "wave 2", "approved by alice" ...

    friend bool operator==(const ChartMarker &, const ChartMarker &) = default;
};

} // namespace lockstep
