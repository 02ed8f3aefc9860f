#pragma once

#include "app/engine/EngineRuntime.h"

#include <QString>

namespace lockstep::ConsoleSettings {

// The engine's peers as the console's settings name them: the Prometheus for PromQL gates, the OpenSSH
// files of ssh: steps and the allowed signers (the demo sets them, see packaging/run-demo.sh).
EngineRuntime::Options engineOptions();
// The operator's settings file when no data directory names one: the desktop console's (its
// organisation and application name) — `lockstep-cli` reads it too, so a product's webhook and the audit
// witnesses set in the console apply headless as well.
QString userFile();
// The demo's time scale new plans get: $LOCKSTEP_TIME_SCALE, else demo/timeScale; 1 = real timings.
int timeScale();

} // namespace lockstep::ConsoleSettings
