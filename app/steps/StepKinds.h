#pragma once

#include "app/steps/StepKindHandler.h"

#include <QList>

namespace lockstep {

// The table of step kinds. Filled on first use from app/steps/BuiltInStepKinds.cpp (one line per kind);
// read-only afterwards, so any thread may ask it.
class StepKinds
{
public:
    // The handler of `kind`; a kind nobody registered gets a handler whose launch fails and that
    // counts as changing the system.
    static const StepKindHandler &of(StepKind kind);
    // The kind a runbook names with `name` ("ssh" ...), or null.
    static const StepKindHandler *find(const QString &name);
    static const QList<StepKindHandler> &all();   // in registration order

    // Whether `step` changes the system it acts on: what makes an instance "touched", what rollback
    // compensates and what a maintenance window guards. `read_only: true` steps (checks, http GET/HEAD
    // and their `until` polls) never do; otherwise the kind's effect decides.
    static bool changesSystem(const StepSpec &step);
    // The time the plan shows for `step`.
    static Millis plannedDuration(const StepSpec &step);

    // Names in registration order joined for messages: "ssh, local and http" (`last` = "and" / "or").
    static QString names(const QList<const StepKindHandler *> &kinds, const QString &last);
    static QList<const StepKindHandler *> where(bool (*test)(const StepKindHandler &));
    // Every option key any kind reads, in registration order, each once.
    static QStringList optionKeys();
};

// Adds a kind to the table (BuiltInStepKinds.cpp calls it once per kind).
void registerStepKind(QList<StepKindHandler> &table, const StepKindHandler &handler);

} // namespace lockstep
