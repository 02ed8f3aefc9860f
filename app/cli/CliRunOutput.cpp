#include "app/cli/CliRunOutput.h"

#include "app/engine/RunExecutor.h"
#include "models/Clock.h"
#include "models/run/RunNarration.h"
#include "models/run/StepResult.h"

#include <QTextStream>

namespace lockstep::CliRunOutput {

QString line(const RunEvent &event)
{
    const QDateTime time = event.time.isValid() ? event.time : Clock::instance().now();
    return time.toUTC().toString(QStringLiteral("HH:mm:ss.zzz")) + u' ' + RunNarration::describe(event);
}

QStringList failureTail(const StepResult &result)
{
    if (!result.outcome || letsInstanceContinue(*result.outcome) || result.outputTail.isEmpty())
        return {};
    QStringList lines = result.outputTail.split(u'\n');
    while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
        lines.removeLast();
    if (lines.size() > kFailureTailLines)
        lines = lines.mid(lines.size() - kFailureTailLines);
    for (QString &l : lines)
        l.prepend(QStringLiteral("    | "));
    return lines;
}

void follow(RunExecutor *run, QTextStream &out, QObject *context)
{
    QObject::connect(run, &RunExecutor::runEvent, context, [&out](const RunEvent &event) {
        out << line(event) << "\n";
        out.flush();
    });
    // A failed step's last lines (already redacted) under its line: the operator at a terminal sees *why*
    // (git's "pathspec did not match", a health check's body) without opening the report.
    QObject::connect(run, &RunExecutor::stepFinished, context, [&out](const StepResult &result) {
        const QStringList tail = failureTail(result);
        if (tail.isEmpty())
            return;
        out << tail.join(u'\n') << "\n";
        out.flush();
    });
}

} // namespace lockstep::CliRunOutput
