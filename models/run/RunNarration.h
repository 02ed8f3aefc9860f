#pragma once

#include "models/run/RunEvent.h"

#include <QString>

namespace lockstep {

// The run told in words: one sentence per RunEvent, the same in the CLI's output, the progress page's
// timeline and the notifications (translated where a translator is installed, as in the GUI).
namespace RunNarration {

QString describe(const RunEvent &event);

} // namespace RunNarration

} // namespace lockstep
