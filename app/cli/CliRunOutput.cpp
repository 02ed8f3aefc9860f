#include "app/cli/CliRunOutput.h"

#include "app/engine/RunExecutor.h"
#include "models/Clock.h"
#include "models/run/RunNarration.h"

#include <QTextStream>

namespace lockstep::CliRunOutput {

QString line(const RunEvent &event)
{
    const QDateTime time = event.time.isValid() ? event.time : Clock::instance().now();
    return time.toUTC().toString(QStringLiteral("HH:mm:ss.zzz")) + u' ' + RunNarration::describe(event);
}

void follow(RunExecutor *run, QTextStream &out, QObject *context)
{
    QObject::connect(run, &RunExecutor::runEvent, context, [&out](const RunEvent &event) {
        out << line(event) << "\n";
        out.flush();
    });
}

} // namespace lockstep::CliRunOutput
