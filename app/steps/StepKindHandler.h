#pragma once

#include "models/runbook/Runbook.h"

#include <QString>
#include <QStringList>

class QObject;

namespace lockstep {

class StepCheck;
class StepExecution;
class StepLaunchServices;
struct StepContext;
struct StepSyntax;

// Everything the product knows about one kind of step, in one record: the executor, the planner and the
// policy ask its traits instead of switching on the kind, and the reader, the validator and the
// dispatcher call its functions. Each kind is a folder under app/steps that fills one of these and is
// registered with one line in app/steps/BuiltInStepKinds.cpp.
struct StepKindHandler
{
    // What a step of this kind does to the system it acts on, unless the runbook says `read_only: true`.
    enum class Effect {
        Changes,            // ssh, local, http (GET/HEAD set read_only themselves)
        Reads,              // wait, gate
        ChangesWithUndo,    // manual: only when the runbook gives it an undo (the engine cannot see a person's work)
    };

    StepKind kind = StepKind::Local;
    QString name;                        // the runbook key of the action: "ssh", "http" ...

    bool hasTimeout = true;              // the step's `timeout:` ends it (a person or a gate is not timed out)
    bool waitsForOperator = false;       // the lane waits for a person to confirm or decline
    bool checkable = true;               // may be a checklist item's check
    bool measuresHealth = false;         // its failure is a gate failure: a rollback counts down first
    bool askAgainOnResume = false;       // does nothing by itself (a question, a measurement, a wait): a run
                                         // interrupted while it ran asks (measures, waits) again on resume
    Effect effect = Effect::Changes;
    Millis defaultTimeout{std::chrono::minutes(10)};
    QStringList options;                 // step keys besides the action that this kind reads ("expect", "headers" ...)

    // YAML -> StepSpec: the action's value (`ssh: CMD`, `http: "GET URL"` ...) ...
    void (*readAction)(StepSyntax &syntax) = nullptr;
    // ... and the kind's `options` that the step has (null: none).
    void (*readOptions)(StepSyntax &syntax) = nullptr;
    // The kind's templates and references, after the whole runbook is read (null: nothing to check).
    void (*validate)(const StepSpec &step, const QString &path, StepCheck &check) = nullptr;
    // Renders the step for its instance (templating) and starts it. Never returns null: a step that
    // cannot start returns an execution that fails with the reason.
    StepExecution *(*launch)(const StepSpec &step, const StepContext &context, StepLaunchServices &services,
                             QObject *parent) = nullptr;
    // The time the plan shows for the step (null: its `expected:`).
    Millis (*plannedDuration)(const StepSpec &step) = nullptr;
};

} // namespace lockstep
