#pragma once

#include "tests/e2e/E2eFleet.h"

#include <QProcess>
#include <QProcessEnvironment>

#include <functional>

namespace lockstep::test {

// One lockstep-cli process: started, then finished (output read as it arrives, line by line). Several
// can run at once (two consoles on one store): start each, then finish each.
class CliProcess
{
public:
    void start(const QStringList &args, const QProcessEnvironment &env);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    // Reads what has arrived (a test waiting for another process calls it to keep this one's pipe empty).
    void pump();
    // Waits (event loop running) until the process ends or `timeoutMs` passes (then kills it).
    CliResult finish(int timeoutMs);

    std::function<void(const QString &)> onLine;   // sees each output line as it arrives

private:
    QProcess m_process;
    QStringList m_args;
    QByteArray m_pending;
    CliResult m_result;
};

} // namespace lockstep::test
