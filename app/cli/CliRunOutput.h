#pragma once

#include <QString>

class QObject;
class QTextStream;

namespace lockstep {

class RunExecutor;
struct RunEvent;

// What `lockstep-cli run` prints while a run goes: one line per run event, its time (UTC) and the sentence
// RunNarration::describe() makes of it — the same sentences as the desktop console's timeline.
namespace CliRunOutput {

QString line(const RunEvent &event);
// Prints every event of `run` to `out` for as long as `context` lives.
void follow(RunExecutor *run, QTextStream &out, QObject *context);

} // namespace CliRunOutput

} // namespace lockstep
