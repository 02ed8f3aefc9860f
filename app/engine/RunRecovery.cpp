#include "app/engine/RunRecovery.h"

#include "app/engine/AuditSink.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/engine/TimeScale.h"
#include "app/runbook/Condition.h"
#include "app/runbook/RunbookLoader.h"
#include "models/run/PlanCodec.h"
#include "models/run/RunEvent.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"

#include <QJsonObject>
#include <QProcessEnvironment>

namespace lockstep {

RunRecovery::RunRecovery(const EngineServices &services) : m_services(services) {}

Result<QList<RecoveredRun>> RunRecovery::scan()
{
    auto runs = m_services.runs->unfinished();
    if (!runs)
        return runs.error();
    QList<RecoveredRun> out;
    for (const RunRecord &r : *runs) {
        // Team mode: a run another console drives right now is not ours to recover.
        if (auto live = liveElsewhere(r.id); !live)
            return live.error();
        else if (*live)
            continue;
        auto recovered = recover(r);
        if (!recovered)
            return recovered.error();
        out.append(*recovered);
    }
    return out;
}

Result<RecoveredRun> RunRecovery::scan(qint64 runId)
{
    auto record = m_services.runs->find(runId);
    if (!record)
        return record.error();
    auto live = liveElsewhere(runId);
    if (!live)
        return live.error();
    if (*live && !isTerminal(record->state))
        return Error{QStringLiteral("run %1 is being driven by another console (operator %2; its leases are alive)")
                         .arg(runId)
                         .arg(record->operatorName),
                     QStringLiteral("run %1").arg(runId),
                     QStringLiteral("work with it from that console; if that console died, its leases expire after the "
                                    "lease timeout and the run can then be resumed here")};
    return recover(*record);
}

Result<bool> RunRecovery::liveElsewhere(qint64 runId) const
{
    if (!m_services.leases)
        return false;
    return m_services.leases->isLive(runId);
}

Result<RecoveredRun> RunRecovery::recover(const RunRecord &record)
{
    RecoveredRun out;
    out.record = record;
    if (isTerminal(record.state))
        return out;
    auto interrupted = m_services.runs->markInterrupted(record.id);
    if (!interrupted)
        return interrupted.error();
    out.interrupted = *interrupted;
    if (m_services.audit)
        for (const StepResult &s : out.interrupted) {
            RunEvent e;
            e.kind = RunEvent::Kind::StepInterrupted;
            e.runId = record.id;
            e.operatorName = QStringLiteral("lockstep");
            e.wave = s.wave + 1;
            e.instance = s.instance;
            e.step = s.step;
            e.attempt = s.attempt;
            e.phase = s.phase;
            e.toVersion = record.targetVersion;
            e.outcome = QStringLiteral("interrupted");
            e.reason = QStringLiteral("found started without a result after a restart");
            e.evidence = QJsonObject{{QStringLiteral("step"), s.step},
                                     {QStringLiteral("attempt"), s.attempt},
                                     {QStringLiteral("phase"), runPhaseName(s.phase)}};
            // Recovery goes on only with the interruption on record: the operator is told, and a second
            // try audits the steps this one did not reach.
            if (Status audited = m_services.audit->recordEvent(e); !audited)
                return Error{QStringLiteral("could not record the audit record of the interrupted step %1 on %2: %3")
                                 .arg(s.step, s.instance.isEmpty() ? QStringLiteral("the run") : s.instance, audited.error().message),
                             audited.error().where, QStringLiteral("recover again once the audit log is writable")};
        }
    return out;
}

Result<Plan> RunRecovery::planOf(const RunRecord &record)
{
    auto runbook = RunbookLoader::loadString(record.runbookSource, record.runbookFile);
    if (!runbook)
        return Error{QStringLiteral("the runbook stored with run %1 no longer loads: %2")
                         .arg(record.id).arg(runbook.error().message),
                     runbook.error().where, runbook.error().hint};
    const ChangeClass change = changeClassFromName(record.changeClass).value_or(ChangeClass::None);
    auto conditioned = Planner::applyConditions(*runbook, change);
    if (!conditioned)
        return conditioned.error();
    auto plan = PlanCodec::decode(record.plan, *conditioned, record.runbookSource);
    // The run's demo time scale applies again to the runbook parsed from the stored original text.
    if (plan && plan->timeScale > 1)
        plan->runbook = TimeScale::apply(plan->runbook, std::min(plan->timeScale, TimeScale::kMaximum));
    return plan;
}

Status RunRecovery::supplySecretParams(Plan &plan, qint64 runId, const QMap<QString, QString> &given)
{
    QStringList missing;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : std::exchange(plan.withheldParams, {})) {
        const QString variable = QStringLiteral("LOCKSTEP_PARAM_") + name.toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
        if (given.contains(name))
            plan.params.insert(name, given.value(name));
        else if (env.contains(variable))
            plan.params.insert(name, env.value(variable));
        else
            missing << QStringLiteral("%1 (--param %1=VALUE or $%2)").arg(name, variable);
    }
    if (!missing.isEmpty())
        return Error{QStringLiteral("run %1 needs its secret parameters again: %2")
                         .arg(QString::number(runId), missing.join(QStringLiteral(", "))),
                     QStringLiteral("run %1").arg(runId),
                     QStringLiteral("a parameter declared secret: true is never stored; give it again as the run was "
                                    "started")};
    return okStatus();
}

Result<RunExecutor *> RunRecovery::restore(qint64 runId, QObject *parent)
{
    return restore(runId, {}, parent);
}

Result<RunExecutor *> RunRecovery::restore(qint64 runId, const QMap<QString, QString> &given, QObject *parent)
{
    auto recovered = scan(runId);
    if (!recovered)
        return recovered.error();
    if (isTerminal(recovered->record.state))
        return Error{QStringLiteral("run %1 already ended (%2)").arg(runId).arg(runStateName(recovered->record.state)),
                     {}, QStringLiteral("start a new run")};
    auto plan = planOf(recovered->record);
    if (!plan)
        return plan.error();
    Plan withSecrets = *plan;
    if (Status secrets = supplySecretParams(withSecrets, runId, given); !secrets)
        return secrets.error();
    return RunExecutor::restore(runId, withSecrets, m_services, parent);
}

} // namespace lockstep
