#pragma once

#include <QDateTime>
#include <QString>

namespace lockstep {

// A time range in which disruptive steps may run; given by the operator (CLI flag or GUI).
struct MaintenanceWindow
{
    QDateTime start;
    QDateTime end;

    bool isValid() const { return start.isValid() && end.isValid() && start < end; }
    bool contains(const QDateTime &when) const { return isValid() && when >= start && when < end; }
    QString toString() const
    {
        return start.toUTC().toString(Qt::ISODate) + QStringLiteral(" .. ") + end.toUTC().toString(Qt::ISODate);
    }
};

} // namespace lockstep
