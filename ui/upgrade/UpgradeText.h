#pragma once

#include <QString>
#include <QStringList>

#include <chrono>

namespace lockstep::upgradetext {

// "45 s", "2 min", "1 h 5 min": durations the way the plan and the grid show them.
QString duration(std::chrono::milliseconds d);
// "3 instances: a, b, c" (the first 8 named).
QString instanceList(const QStringList &names);

} // namespace lockstep::upgradetext
