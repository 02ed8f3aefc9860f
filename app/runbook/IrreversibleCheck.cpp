#include "app/runbook/IrreversibleCheck.h"

#include "app/steps/StepKinds.h"

namespace lockstep::IrreversibleCheck {

void check(const Runbook &runbook, StepCheck &check)
{
    for (qsizetype i = 0; i < runbook.steps.size(); ++i) {
        const StepSpec &step = runbook.steps.at(i);
        if (!step.irreversible)
            continue;
        const QString path = QStringLiteral("steps[%1].undo").arg(i);
        check.checkTemplate(step.restoreMessage, path + QLatin1String(".none"), StepCheck::Context::Display);
        if (!StepKinds::changesSystem(step))
            check.error(path, QStringLiteral("step '%1' changes nothing (it only reads, waits or measures), so there is "
                                             "nothing to restore; remove undo: {none: ...}")
                                  .arg(step.id));
    }
    const auto refuse = [&](const QList<StepSpec> &list, const QString &key, const QString &why) {
        for (qsizetype i = 0; i < list.size(); ++i)
            if (list.at(i).irreversible)
                check.error(QStringLiteral("%1[%2].undo").arg(key, QString::number(i)),
                            QStringLiteral("undo: {none: ...} marks an upgrade step under steps: that nothing can undo; %1")
                                .arg(why));
    };
    refuse(runbook.rollbackSteps, QStringLiteral("rollback_steps"), QStringLiteral("a rollback step is not undone itself"));
    const QString runLevel = QStringLiteral("a run-level step without undo: is simply not undone on rollback");
    refuse(runbook.before, QStringLiteral("before"), runLevel);
    refuse(runbook.after, QStringLiteral("after"), runLevel);
    for (const auto &[list, key] : {std::pair{&runbook.rollback, QStringLiteral("rollback")},
                                    std::pair{&runbook.emergencyRollback, QStringLiteral("emergency_rollback")}})
        for (qsizetype i = 0; i < list->size(); ++i)
            if (const StepSpec *s = runbook.findStep(list->at(i)); s && s->irreversible)
                check.error(QStringLiteral("%1[%2]").arg(key, QString::number(i)),
                            QStringLiteral("%1 names '%2', a step nothing can undo (undo: {none: ...}); name the step "
                                           "that compensates it, or leave the restore to the operator")
                                .arg(key, s->id));
}

} // namespace lockstep::IrreversibleCheck
