#pragma once

#include "app/transport/CommandExecution.h"

#include <QStringList>
#include <QTest>

#include <optional>

namespace lockstep::test {

// Collects what one CommandExecution reports.
class Recorder : public QObject
{
public:
    explicit Recorder(CommandExecution *execution)
        : m_execution(execution)
    {
        connect(execution, &CommandExecution::outputLine, this, [this](OutputStream stream, const QString &line) {
            (stream == OutputStream::Stdout ? stdoutLines : stderrLines).append(line);
        });
        connect(execution, &CommandExecution::finished, this, [this](const CommandOutcome &o) {
            ++finishedCount;
            outcome = o;
        });
    }

    bool waitFinished(int timeoutMs = 30000)
    {
        return QTest::qWaitFor([this] { return outcome.has_value(); }, timeoutMs);
    }

    CommandExecution *execution() const { return m_execution; }

    QStringList stdoutLines;
    QStringList stderrLines;
    std::optional<CommandOutcome> outcome;
    int finishedCount = 0;

private:
    CommandExecution *m_execution;
};

} // namespace lockstep::test
