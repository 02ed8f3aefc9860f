#pragma once

#include <QString>
#include <QStringList>

#include <chrono>

namespace lockstep::upgradetext {

// "45 s", "2 min", "1 h 5 min": durations the way the plan and the grid show them.
QString duration(std::chrono::milliseconds d);
// "3 instances: a, b, c" (the first 8 named).
QString instanceList(const QStringList &names);
// "7:42", "1:02:05": time left, to the second (rounded up).
QString timeLeft(std::chrono::milliseconds left);
// "×20 demo timing: observation, gate intervals and waits 20 times shorter than the runbook's".
QString timeScale(int factor);

} // namespace lockstep::upgradetext
