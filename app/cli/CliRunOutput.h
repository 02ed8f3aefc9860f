#pragma once

#include <QString>
#include <QStringList>

class QObject;
class QTextStream;

namespace lockstep {

class RunExecutor;
struct RunEvent;
struct StepResult;

// What `lockstep-cli run` prints while a run goes: one line per run event, its time (UTC) and the sentence
// RunNarration::describe() makes of it — the same sentences as the desktop console's timeline.
namespace CliRunOutput {

QString line(const RunEvent &event);
// The last lines of a failed step's output, indented to sit under its line; empty for a step that did not
// fail or printed nothing.
constexpr int kFailureTailLines = 10;
QStringList failureTail(const StepResult &result);
// Prints every event of `run` to `out` for as long as `context` lives.
void follow(RunExecutor *run, QTextStream &out, QObject *context);

} // namespace CliRunOutput

} // namespace lockstep
