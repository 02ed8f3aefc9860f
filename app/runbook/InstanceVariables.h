#pragma once

#include "models/Instance.h"
#include "models/Result.h"
#include "models/runbook/Runbook.h"

#include <QList>
#include <QString>

namespace lockstep {

// The {{instance.vars.NAME}} a runbook's templates use, and whether the instances of a plan have them.
// Lint cannot know (the inventory is not part of the runbook); the planner asks here, so a run never
// starts for an instance whose kube context, database host or backup path is missing.
class InstanceVariables
{
public:
    struct Use
    {
        QString name;                 // "db_host" of {{instance.vars.db_host}}
        QString stepId;               // the step (or checklist item) whose template uses it
        SourceLocation location;      // where that step is written
    };

    // Every use in the steps, rollback steps and checklist checks, in the order they are written.
    static QList<Use> used(const Runbook &runbook);
    // Refuses when an instance lacks a variable the runbook uses: names the variable, the step with its
    // file:line, and every instance that lacks it.
    static Status check(const Runbook &runbook, const QList<Instance> &instances);
};

} // namespace lockstep
