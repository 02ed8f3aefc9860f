#include "app/engine/RunExecutor.h"

#include "app/engine/AuditSink.h"
#include "app/engine/Checklist.h"
#include "app/engine/GateStepExecution.h"
#include "app/engine/GroupLocks.h"
#include "app/engine/LaneState.h"
#include "app/engine/ManualStepExecution.h"
#include "app/engine/Planner.h"
#include "app/engine/Policy.h"
#include "app/engine/RunJournal.h"
#include "app/engine/RunLevelSteps.h"
#include "app/engine/StepLauncher.h"
#include "app/engine/SignOffRule.h"
#include "app/engine/WaveApproval.h"
#include "app/identity/OperatorIdentity.h"
#include "app/runbook/Duration.h"
#include "app/steps/StepKinds.h"
#include "models/AuditActions.h"
#include "models/Clock.h"
#include "models/run/PlanCodec.h"
#include "models/run/RunTransitions.h"
#include "models/store/LeaseFence.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace lockstep {

namespace {

constexpr int kTailLines = 20;
constexpr int kMaxLineLength = 500;
const QString kEngine = QStringLiteral("lockstep");

Error refused(const QString &what, const QString &why, const QString &hint = {})
{
    return Error{QStringLiteral("cannot %1: %2").arg(what, why), {}, hint};
}

} // namespace

struct RunExecutor::Lane : LaneState
{
    bool emergency = false;
    bool rollbackAfterCancel = false;   // an operator's rollback waits for the in-flight step to end
    bool probing = false;               // after a restart: the step's probe runs first
    bool leftAsIs = false;              // settled without a rollback: nothing it ran needs compensating
    const StepSpec *starting = nullptr; // queued: its intent is committed with the next flush
    StepExecution *exec = nullptr;
    std::function<void()> held;         // the operator's resolution, waiting for a leftover step to end
    bool waitingForLeftover = false;    // a step to start waits for a leftover step to end
    StepResult current;
    QStringList tail;
    QTimer timer;                       // step timeout, or back-off before a retry
    bool timedOut = false;
};

RunExecutor::RunExecutor(const Plan &plan, qint64 runId, const EngineServices &services, QObject *parent)
    : QObject(parent), m_plan(plan), m_runId(runId), m_services(services)
{
    QStringList secretParams;
    for (const ParamSpec &p : m_plan.runbook.params)
        if (p.secret)
            secretParams << m_plan.params.value(p.name);
    m_redactor = m_services.redactor.with(secretParams);
    m_journal = new RunJournal(m_runId, m_services, this);
    connect(m_journal, &RunJournal::writeFailed, this, &RunExecutor::stopForUnrecordedWrite);
    for (const LaneState &initial : LaneState::initial(m_plan)) {
        auto lane = std::make_unique<Lane>();
        static_cast<LaneState &>(*lane) = initial;
        lane->timer.setSingleShot(true);
        m_laneByName.insert(initial.instance.name, int(m_lanes.size()));
        m_lanes.push_back(std::move(lane));
    }
    for (int i = 0; i < int(m_lanes.size()); ++i)
        connect(&m_lanes[i]->timer, &QTimer::timeout, this, [this, i] {
            Lane &lane = *m_lanes[i];
            if (lane.exec) {
                // The step ran past its timeout: cancel it; its end is recorded as timed out.
                lane.timedOut = true;
                lane.exec->cancel();
            } else {
                advance(i);   // back-off over: the retry starts
            }
        });
    // Every step intent that starts passes here (instances' and run-level): the first change-making one
    // of an instance is its upgrade start.
    connect(this, &RunExecutor::stepStarted, this, [this](const StepResult &intent) { m_upgradeStarts.note(intent); });
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &RunExecutor::flushWrites);
    m_observeTimer.setSingleShot(true);
    connect(&m_observeTimer, &QTimer::timeout, this, [this] {
        m_observed = true;
        betweenWavesDone();
    });
    m_rollbackTimer.setSingleShot(true);
    connect(&m_rollbackTimer, &QTimer::timeout, this, &RunExecutor::rollBackAfterGates);
    m_watchTimer.setSingleShot(true);
    m_watchTimer.setTimerType(Qt::PreciseTimer);   // a coarse timer may end an hours-long watch minutes early
    connect(&m_watchTimer, &QTimer::timeout, this, &RunExecutor::checkWatchOver);
    m_checklist = new Checklist(m_plan, m_runId, m_services, m_leaseGeneration, this);
    setUpRunLevel();
    m_leftovers = new LeftoverProcesses(this);
    connect(m_leftovers, &LeftoverProcesses::ended, this, &RunExecutor::onLeftoverEnded);
    connect(m_leftovers, &LeftoverProcesses::outlived, this, &RunExecutor::onLeftoverOutlived);
    if (m_plan.runbook.lock.enabled() && m_services.groupLocks) {
        m_groupLocks = new GroupLocks(m_plan, m_runId, *m_services.groupLocks, m_services.leases->expiry(), this);
        connect(m_groupLocks, &GroupLocks::mayRetry, this, [this](const QString &instance) {
            // A slot may be free: a lane still waiting for it tries again (paused or aborted ones do not).
            const auto i = laneFor(instance);
            if (i && (m_lanes[*i]->state == InstanceState::Running || m_lanes[*i]->state == InstanceState::RollingBack)
                && !m_lanes[*i]->timer.isActive())
                advance(*i);
        });
        connect(this, &RunExecutor::runFinished, m_groupLocks, &GroupLocks::releaseAll);
    }
}

RunExecutor::~RunExecutor()
{
    // Results of steps that ended are kept; queued steps never started and leave no intent.
    m_startQueue.clear();
    flushWrites();
    if (m_journal->held())
        qWarning("run %lld: %s; not written when its console closed", m_runId, qPrintable(m_journal->failure()->message));
    m_services.leases->unfenceWrites(m_fence);
}

Result<RunExecutor *> RunExecutor::create(const Plan &plan, const QString &operatorName,
                                          const EngineServices &services, QObject *parent)
{
    if (operatorName.trimmed().isEmpty())
        return Error{QStringLiteral("a run needs an operator"), {}, {}};
    // An override is an approver's decision (in team mode the server refuses it from anyone else too).
    for (const PolicyOverride &o : plan.overrides)
        if (auto who = OperatorIdentity::authenticate(services.identity, o.operatorName.isEmpty() ? operatorName : o.operatorName,
                                                      QStringLiteral("a policy override"));
            !who)
            return who.error();
    RunRecord record;
    record.runbookId = plan.runbook.id;
    record.runbookFile = plan.runbook.file;
    record.runbookSource = plan.runbookSource;
    record.product = plan.runbook.product;
    record.targetVersion = plan.targetVersion.toString();
    record.changeClass = changeClassName(plan.changeClass);
    record.operatorName = operatorName;
    record.state = RunState::Planned;
    record.plan = PlanCodec::encode(plan);
    if (plan.runbook.lock.enabled() && !services.groupLocks)
        return Error{QStringLiteral("the runbook has a lock: but this console has no group lock store"), plan.runbook.id, {}};
    auto runId = services.runs->create(record);
    if (!runId)
        return runId.error();
    QStringList names;
    for (const Wave &w : plan.waves)
        for (const Instance &i : w.instances)
            names << i.name;
    auto leases = services.leases->acquire(*runId, operatorName, names);
    if (!leases) {
        // The refusal is the answer either way; a refused run the store could not mark aborted would be
        // restored as planned, so the operator hears of that too.
        Error refusal = leases.error();
        if (Status stored = services.runs->updateState(*runId, RunState::Aborted, 0, leases.error().message); !stored)
            refusal.message += QStringLiteral("; and run %1 could not be marked aborted: %2").arg(QString::number(*runId), stored.error().message);
        if (services.audit) {
            RunEvent refusedEvent;
            refusedEvent.kind = RunEvent::Kind::RunRefused;
            refusedEvent.runId = *runId;
            refusedEvent.operatorName = operatorName;
            refusedEvent.toVersion = record.targetVersion;
            refusedEvent.outcome = QStringLiteral("refused");
            refusedEvent.reason = leases.error().message;
            if (Status audited = services.audit->recordEvent(refusedEvent); !audited)
                refusal.message += QStringLiteral("; and the refusal could not be audited: %1").arg(audited.error().message);
        }
        return refusal;
    }
    auto *executor = new RunExecutor(plan, *runId, services, parent);
    executor->m_operator = operatorName;
    for (const Lease &l : *leases)
        executor->m_leaseGeneration.insert(l.instance, l.generation);
    executor->fenceWrites();
    executor->record(RunEvent::Kind::RunPlanned, {}, QStringLiteral("planned"), {},
                    QJsonObject{{QStringLiteral("runbook"), plan.runbook.id},
                                {QStringLiteral("instances"), names.join(QLatin1Char(','))},
                                {QStringLiteral("waves"), int(plan.waves.size())},
                                {QStringLiteral("change"), record.changeClass}},
                    operatorName);
    for (const PolicyOverride &o : plan.overrides)
        executor->record(RunEvent::Kind::PolicyOverridden, o.instance, policyOverrideKindName(o.kind), o.reason, {},
                         o.operatorName.isEmpty() ? operatorName : o.operatorName);
    return executor;
}

Result<RunExecutor *> RunExecutor::restore(qint64 runId, const Plan &plan, const EngineServices &services,
                                           QObject *parent)
{
    if (!plan.withheldParams.isEmpty())
        return Error{QStringLiteral("run %1 needs its secret parameters again: %2")
                         .arg(QString::number(runId), plan.withheldParams.join(QStringLiteral(", "))),
                     {}, QStringLiteral("RunRecovery::restore takes them (they are never stored)")};
    auto record = services.runs->find(runId);
    if (!record)
        return record.error();
    auto attempts = services.runs->attempts(runId);
    if (!attempts)
        return attempts.error();
    // create() stores the run, then takes its leases: a console killed between the two left a planned
    // run that holds none. Nothing of it ran, so it takes them now, as create() would have; without
    // this every write of the run would be refused as if another console had taken the instances over.
    if (record->state == RunState::Planned) {
        auto held = services.leases->heldBy(runId);
        if (!held)
            return held.error();
        if (held->isEmpty()) {
            QStringList names;
            for (const Wave &w : plan.waves)
                for (const Instance &i : w.instances)
                    names << i.name;
            if (auto taken = services.leases->acquire(runId, record->operatorName, names); !taken)
                return taken.error();
        }
    }
    auto *executor = new RunExecutor(plan, runId, services, parent);
    executor->m_operator = record->operatorName;
    executor->m_wave = std::clamp(record->currentWave, 0, std::max(0, int(plan.waves.size()) - 1));
    executor->m_state = record->state;
    executor->m_note = record->note;
    executor->m_watchStarted = record->watchStartedAt;
    if (Status s = executor->loadLeases(); !s) {
        delete executor;
        return s.error();
    }
    if (Status s = executor->m_checklist->load(); !s) {
        delete executor;
        return s.error();
    }
    // Before anything is resolved or started: which of the killed console's commands still run.
    executor->m_leftovers->track(*attempts, plan.runbook);
    for (const LeftoverProcesses::Entry &e : executor->m_leftovers->running())
        executor->record(RunEvent::Kind::LeftoverRunning, e.instance, QStringLiteral("running"),
                        executor->m_leftovers->waitingMessage(e.instance),
                        QJsonObject{{QStringLiteral("step"), e.step},
                                    {QStringLiteral("attempt"), e.attempt},
                                    {QStringLiteral("process_group"), e.group.id()},
                                    {QStringLiteral("process_identity"), e.group.identity()},
                                    {QStringLiteral("deadline"), e.deadline.toUTC().toString(Qt::ISODate)}});
    executor->rebuildFromLog(*attempts);
    return executor;
}

Status RunExecutor::loadLeases()
{
    auto leases = m_services.leases->heldBy(m_runId);
    if (!leases)
        return leases.error();
    for (const Lease &l : *leases)
        m_leaseGeneration.insert(l.instance, l.generation);
    fenceWrites();
    return okStatus();
}

void RunExecutor::fenceWrites()
{
    m_services.leases->unfenceWrites(m_fence);
    // Called from inside a refused write: the flag stops further writes and audits at once; the rest
    // (cancelling steps, telling the views) happens outside the writer.
    m_fence = m_services.leases->fenceWrites(m_runId, m_leaseGeneration, [this](const Error &why) {
        m_leaseLost = true;
        QMetaObject::invokeMethod(this, [this, why] { stopForLostLease(why); }, Qt::QueuedConnection);
    });
}

void RunExecutor::stopForLostLease(const Error &why)
{
    if (m_state == RunState::Interrupted && m_note == why.message)
        return;
    m_leaseLost = true;
    m_flushTimer.stop();
    m_observeTimer.stop();
    m_startQueue.clear();
    m_pendingResults.clear();
    cancelGates();
    for (const auto &lane : m_lanes) {
        lane->timer.stop();
        lane->starting = nullptr;
        if (lane->exec)
            lane->exec->cancel();   // another console drives these instances now
    }
    // What the store already says: the console that took the leases over marked the run interrupted.
    m_state = RunState::Interrupted;
    m_note = why.message;
    emit runStateChanged(m_state, m_note);
    emit leaseLost(why.toString());
}

void RunExecutor::rebuildFromLog(const QList<StepResult> &attempts)
{
    m_upgradeStarts.replay(attempts);
    LaneState::replay(m_plan, m_state, attempts, [this](const QString &instance) -> LaneState * {
        const auto it = m_laneByName.constFind(instance);
        return it == m_laneByName.cend() ? nullptr : m_lanes[*it].get();
    });
    bool interrupted = false;
    // Never re-run silently: only idempotent steps, or steps whose probe decides, resolve themselves.
    for (int i = 0; i < int(m_lanes.size()); ++i) {
        Lane &lane = *m_lanes[i];
        if (lane.state != InstanceState::Interrupted) {
            continue;
        }
        const StepSpec *spec = currentSpec(lane);
        if (spec && (StepKinds::of(spec->kind).askAgainOnResume || atRestorePoint(lane))) {
            // A question, a measurement or a wait does nothing by itself: asking (measuring, waiting) again
            // is what the operator would choose; a person answers a manual step either way.
            lane.state = lane.phase == RunPhase::Rollback ? InstanceState::RollingBack : InstanceState::Running;
            lane.note = QStringLiteral("interrupted while %1 waited; asked again on resume").arg(spec->id);
            RunEvent e = event(RunEvent::Kind::StepRecovered, lane.instance.name, QStringLiteral("ask-again"),
                               QStringLiteral("step %1 changes nothing by itself").arg(spec->id));
            e.step = spec->id;
            publish(e);
        } else if (spec && spec->idempotent) {
            lane.state = InstanceState::Running;
            lane.note = QStringLiteral("interrupted; idempotent, runs again on resume");
            RunEvent e = event(RunEvent::Kind::StepRecovered, lane.instance.name, QStringLiteral("rerun"),
                               QStringLiteral("step %1 is idempotent").arg(spec->id));
            e.step = spec->id;
            publish(e);
        } else if (spec && !spec->probe.isEmpty() && m_plan.runbook.findStep(spec->probe)) {
            lane.state = InstanceState::Running;
            lane.probing = true;
            lane.note = QStringLiteral("interrupted; probe %1 decides on resume").arg(spec->probe);
            RunEvent e = event(RunEvent::Kind::StepRecovered, lane.instance.name, QStringLiteral("probe"),
                               QStringLiteral("step %1 has probe %2").arg(spec->id, spec->probe));
            e.step = spec->id;
            publish(e);
        } else {
            interrupted = true;
        }
    }
    if (m_runSteps->replay(attempts))
        interrupted = true;   // a run-level step waits for the operator like an instance's
    if (!isTerminal(m_state) && m_state != RunState::Planned) {
        const RunState before = m_state;
        if (before == RunState::Aborting) {
            // The abort was the operator's word: a restart finishes it (what was in flight is interrupted)
            // and never resumes the upgrade.
            setState(RunState::Aborted, QStringLiteral("the console stopped while aborting; the abort is over (%1)").arg(m_note));
            if (Status released = m_services.leases->release(m_runId); !released)   // an ended run's leases are free anyway
                qWarning("run %lld: %s", m_runId, qPrintable(released.error().toString()));
            return;
        }
        if (before == RunState::RollingBack) {
            // Restarted while rolling back (a spent failure budget, failed gates or an emergency): the
            // wave stays stopped and a resume goes on rolling back, never on upgrading. What started the
            // rollback is in the stored note; the instances it was to roll back and did not reach yet are
            // rolled back on resume (continueRollback).
            m_waveStopped = true;
            m_resumeRollsBack = true;
            m_rollbackWhy = m_note;
            m_rollbackLanes.clear();
            const bool gates = m_note.contains(QLatin1String("gates failed after wave"))
                               || m_note.contains(QLatin1String("gates failed during the watch"))
                               || m_note.contains(QLatin1String("after the last wave: run-level step"));
            const bool emergency = m_note.startsWith(QLatin1String("emergency rollback"));
            for (int i = 0; i < int(m_lanes.size()); ++i) {
                const Lane &lane = *m_lanes[i];
                if (lane.phase != RunPhase::Upgrade || lane.leftAsIs)
                    continue;
                if ((gates && lane.wave <= m_wave && lane.state == InstanceState::Succeeded)
                    || (emergency && !lane.ran.isEmpty()))
                    m_rollbackLanes << i;
            }
            for (int i : std::as_const(m_rollbackLanes))
                m_lanes[i]->emergency = emergency;
        }
        if (interrupted)
            setState(RunState::Interrupted,
                     QStringLiteral("the console stopped during a step; choose retry, mark done, skip or roll back"));
        else if (before == RunState::Watching || (before == RunState::Paused && m_watchStarted.isValid()))
            setState(RunState::Paused, QStringLiteral("the console restarted during the watch (until %1 UTC); resume to "
                                                      "watch on, or end the watch early")
                                           .arg(watchEnds().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
        else if ((before == RunState::Observing || before == RunState::AwaitingApproval)
                 && m_note.contains(QLatin1String("gates inconclusive"))) {
            // The question the gates asked is asked again: an approval accepts the inconclusive result.
            m_restoredInconclusive = true;
            setState(RunState::AwaitingApproval, QStringLiteral("restarted between waves; ") + m_note);
        } else if (before == RunState::Observing || before == RunState::AwaitingApproval)
            setState(RunState::AwaitingApproval,
                     QStringLiteral("restarted between waves; approve the next wave to continue"));
        else if (before == RunState::RollingBack)
            setState(RunState::Paused, QStringLiteral("the console restarted during a rollback; resume to continue rolling back"));
        else
            setState(RunState::Paused, QStringLiteral("the console restarted; resume to continue"));
    }
}

void RunExecutor::continueRollback()
{
    // The instances a rollback started before a restart (or a pause) did not reach yet: the ones that
    // failed, and those the failed gates or the emergency named. Instances already rolling back go on
    // from where they stand (advance); a finished upgrade of a budget rollback stays, as it would have.
    for (int i : std::exchange(m_rollbackLanes, {})) {
        const Lane &lane = *m_lanes[i];
        if (lane.phase == RunPhase::Upgrade && !lane.exec && !lane.starting && !lane.leftAsIs
            && lane.state != InstanceState::Interrupted && lane.state != InstanceState::Pending)
            startRollback(i, lane.emergency, (lane.emergency ? QStringLiteral("emergency rollback: ")
                                                             : QStringLiteral("automatic rollback: ")) + m_rollbackWhy);
    }
    for (int i = 0; i < int(m_lanes.size()); ++i) {
        const Lane &lane = *m_lanes[i];
        if (lane.phase == RunPhase::Upgrade && lane.state == InstanceState::Failed && !lane.leftAsIs && !lane.exec
            && !lane.starting && !lane.timer.isActive())
            startRollback(i, false, QStringLiteral("automatic rollback: ") + m_rollbackWhy);
    }
}

// --- Queries -------------------------------------------------------------------------------------------

QList<InstanceProgress> RunExecutor::progress() const
{
    QList<InstanceProgress> out;
    for (const auto &lane : m_lanes)
        out.append(progress(lane->instance.name));
    return out;
}

InstanceProgress RunExecutor::progress(const QString &instance) const
{
    const auto it = m_laneByName.constFind(instance);
    return it == m_laneByName.cend() ? InstanceProgress{} : m_lanes[*it]->progress();
}

Result<int> RunExecutor::laneFor(const QString &instance) const
{
    const auto it = m_laneByName.constFind(instance);
    if (it == m_laneByName.cend())
        return Error{QStringLiteral("%1 is not in run %2").arg(instance, QString::number(m_runId)), instance, {}};
    return *it;
}

const StepSpec *RunExecutor::currentSpec(const Lane &lane) const
{
    if (lane.next >= lane.sequence.size())
        return nullptr;
    return m_plan.runbook.findStep(lane.sequence[lane.next]);
}

StepContext RunExecutor::contextFor(const Lane &lane) const
{
    StepContext ctx;
    ctx.runbook = &m_plan.runbook;
    ctx.runId = m_runId;
    ctx.phase = lane.phase;
    ctx.wave = lane.wave;
    ctx.attempt = lane.attempt;
    ctx.instance = lane.instance;
    ctx.targetVersion = m_plan.targetVersion.toString();
    ctx.previousVersion = lane.instance.currentVersion;
    ctx.change = m_plan.changeClass;
    ctx.params = m_plan.params;
    ctx.upgradeStarted = m_upgradeStarts.of(lane.instance.name);
    ctx.notUpgraded = [this, name = lane.instance.name] {
        QList<Instance> out;
        for (const auto &l : m_lanes)
            if (l->instance.name != name && !m_upgradeStarts.started(l->instance.name))
                out << l->instance;
        return out;
    };
    return ctx;
}

int RunExecutor::failedInWave(int wave) const
{
    int n = 0;
    for (const auto &lane : m_lanes)
        if (lane->wave == wave && lane->failed)
            ++n;
    return n;
}

// --- State and audit -----------------------------------------------------------------------------------

void RunExecutor::setState(RunState state, const QString &note, const QString &operatorName)
{
    // Paused for a failed write: no other state until a resume has written what queued behind it.
    if (m_leaseLost || m_journal->held() || (state == m_state && note == m_note))
        return;
    // Only the changes models/run/RunTransitions lists (docs/engine.md shows the table).
    if (!RunTransitions::admit(m_state, state, note))
        return;
    // The stored step results are never behind the stored run state.
    if (!m_pendingResults.isEmpty())
        m_journal->commitSteps(std::exchange(m_pendingResults, {}), {});   // no intents: no ids to check
    if (m_journal->held())
        return;   // a result could not be written: the run paused there
    m_state = state;
    // Notes quote step errors and operators' reasons: what is stored and shown is redacted.
    m_note = m_redactor.redact(note);
    if (!m_journal->writeState(state, m_wave, m_note))
        return;   // stopForUnrecordedWrite paused the run instead
    RunEvent e = event(RunEvent::Kind::RunStateChanged, {}, runStateName(state), m_note, {}, operatorName);
    e.state = state;
    publish(e);
    if (m_journal->held())
        return;   // not audited: paused instead
    emit runStateChanged(state, m_note);
}

RunEvent RunExecutor::event(RunEvent::Kind kind, const QString &instance, const QString &outcome,
                            const QString &reason, const QJsonObject &evidence, const QString &operatorName) const
{
    RunEvent e;
    e.kind = kind;
    e.runId = m_runId;
    e.time = Clock::instance().now();
    e.wave = m_wave + 1;
    e.instance = instance;
    if (const auto it = m_laneByName.constFind(instance); it != m_laneByName.cend()) {
        e.wave = m_lanes[*it]->wave + 1;
        e.phase = m_lanes[*it]->phase;
        e.fromVersion = m_lanes[*it]->instance.currentVersion;
    }
    e.toVersion = m_plan.targetVersion.toString();
    e.outcome = outcome;
    e.reason = reason;
    e.evidence = evidence;
    e.step = evidence.value(QStringLiteral("step")).toString();
    e.operatorName = operatorName.isEmpty() ? kEngine : operatorName;
    return e;
}

void RunExecutor::narrateStepStarted(const StepResult &intent)
{
    RunEvent started = event(RunEvent::Kind::StepStarted, intent.instance, {}, {});
    started.phase = intent.phase;
    started.step = intent.step;
    started.attempt = intent.attempt;
    publish(started);
    emit stepStarted(intent);
}

void RunExecutor::narrateManualWaiting(const QString &instance, const QString &step, const QString &prompt)
{
    RunEvent waiting = event(RunEvent::Kind::ManualStepWaiting, instance, {}, prompt);
    waiting.step = step;
    publish(waiting);
    emit manualStepWaiting(instance, step, prompt);
}

void RunExecutor::publish(RunEvent e)
{
    if (m_leaseLost)
        return;
    // The audit chain cannot be cleaned afterwards, and the narration is shown and sent on: every text goes
    // through the redactor first.
    e.outcome = m_redactor.redact(e.outcome);
    e.reason = m_redactor.redact(e.reason);
    if (!m_redactor.isEmpty() && !e.evidence.isEmpty()) {
        const QString json = QString::fromUtf8(QJsonDocument(e.evidence).toJson(QJsonDocument::Compact));
        if (m_redactor.leaks(json))
            e.evidence = QJsonDocument::fromJson(m_redactor.redact(json).toUtf8()).object();
    }
    // A failed audit write pauses the run (stopForUnrecordedWrite); the event is still told, and is
    // audited, in order, when a resume catches the journal up.
    m_journal->recordEvent(e);
    emit runEvent(e);
}

LaneState &RunExecutor::laneAt(int lane)
{
    return *m_lanes[lane];
}

const LaneState &RunExecutor::laneAt(int lane) const
{
    return *m_lanes[lane];
}

StepExecution *RunExecutor::execOf(int lane) const
{
    return m_lanes[lane]->exec;
}

void RunExecutor::emitLane(int lane)
{
    if (m_groupLocks)
        m_groupLocks->laneChanged(m_lanes[lane]->instance.name, m_lanes[lane]->state, m_lanes[lane]->leftAsIs);
    emit instanceChanged(progress(m_lanes[lane]->instance.name));
}

// --- Operator actions ----------------------------------------------------------------------------------

Status RunExecutor::start(const QString &operatorName)
{
    if (m_state != RunState::Planned)
        return refused(QStringLiteral("start run %1").arg(m_runId),
                       QStringLiteral("it is %1").arg(runStateName(m_state)));
    if (Status written = catchUpFirst(QStringLiteral("start run %1").arg(m_runId)); !written)
        return written;
    if (m_checklist->isRunning())
        return refused(QStringLiteral("start run %1").arg(m_runId), QStringLiteral("checklist checks are still running"));
    const QStringList missing = m_checklist->unsatisfied();
    if (!missing.isEmpty())
        return refused(QStringLiteral("start run %1").arg(m_runId),
                       QStringLiteral("the checklist is not complete: %1").arg(missing.join(QStringLiteral("; "))),
                       QStringLiteral("run the checks and collect the sign-offs first"));
    if (m_plan.waves.isEmpty())
        return refused(QStringLiteral("start run %1").arg(m_runId), QStringLiteral("the plan has no instances"));
    m_operator = operatorName.isEmpty() ? m_operator : operatorName;
    setState(RunState::Running, QStringLiteral("started by %1").arg(m_operator), m_operator);
    beginRun();   // the run-level before: steps first, if any
    return okStatus();
}

Status RunExecutor::pause(const QString &operatorName, const QString &reason)
{
    if (m_state != RunState::Running && m_state != RunState::Observing && m_state != RunState::RollingBack
        && m_state != RunState::Watching)
        return refused(QStringLiteral("pause"), QStringLiteral("the run is %1").arg(runStateName(m_state)));
    if (m_rollbackDeadline.isValid())
        return cancelRollback(operatorName, reason);
    m_observeTimer.stop();
    if (m_state == RunState::RollingBack) {
        m_resumeRollsBack = true;
        m_rollbackWhy = m_note;
    }
    if (m_state == RunState::Watching) {
        // The watch's end stays where it was: a pause does not extend it.
        m_watchTimer.stop();
        cancelGates();
    }
    setState(RunState::Paused, reason.isEmpty() ? QStringLiteral("paused by %1").arg(operatorName) : reason,
             operatorName);
    return okStatus();
}

Status RunExecutor::resume(const QString &operatorName, const QString &reason)
{
    if (m_leaseLost)
        return refused(QStringLiteral("resume"), m_note, QStringLiteral("another console drives these instances now"));
    if (m_state != RunState::Paused && m_state != RunState::Interrupted)
        return refused(QStringLiteral("resume"), QStringLiteral("the run is %1").arg(runStateName(m_state)));
    // What queued behind a failed write is written first, in order; refused (still paused) while it fails.
    if (Status written = catchUpFirst(QStringLiteral("resume")); !written)
        return written;
    if (const auto ending = std::exchange(m_endingAs, std::nullopt)) {
        // The store failed while the run was ending: it ends now, as it would have.
        if (*ending == RunState::Aborting || *ending == RunState::Aborted) {
            setState(RunState::Aborting, reason.isEmpty() ? QStringLiteral("abort resumed by %1").arg(operatorName) : reason,
                     operatorName);
            checkAbortDone();
        } else {
            finish();
        }
        return okStatus();
    }
    for (const auto &lane : m_lanes)
        if (lane->state == InstanceState::Interrupted && !lane->held)
            return refused(QStringLiteral("resume"),
                           QStringLiteral("%1 has an interrupted step (%2)").arg(lane->instance.name, lane->sequence.value(lane->next)),
                           QStringLiteral("retry, skip, mark done or roll back that instance first"));
    if (Status s = runLevelBlocksResume(); !s)
        return s;
    if (resumeRunLevel(operatorName, reason))
        return okStatus();
    if (m_watchStarted.isValid() && !m_resumeRollsBack && watchResumable()) {
        m_waveStopped = false;
        setState(RunState::Watching,
                 reason.isEmpty() ? QStringLiteral("watch resumed by %1").arg(operatorName) : reason, operatorName);
        continueWatch();
        return okStatus();
    }
    // Paused or restarted while rolling back: the rollback goes on and the run ends; nothing more of the
    // upgrade starts. Otherwise a spent failure budget that paused the run is passed: the operator's decision
    // (a restored run recounts it from the log; with `on_failure: rollback` the budget rolls back instead).
    const bool rollingBack = std::exchange(m_resumeRollsBack, false);
    const bool spent = failedInWave(m_wave) > m_plan.runbook.strategy.maxFailedPerWave;
    if (!rollingBack
        && (m_waveStopped || (spent && !m_budgetOverridden && m_plan.runbook.strategy.onFailure != OnFailure::Rollback))) {
        m_budgetOverridden = true;
        m_waveStopped = false;
        record(RunEvent::Kind::BudgetOverridden, {}, QStringLiteral("continue"), reason, {}, operatorName);
    }
    setState(rollingBack ? RunState::RollingBack : RunState::Running,
             reason.isEmpty() ? QStringLiteral("resumed by %1").arg(operatorName) : reason, operatorName);
    if (rollingBack)
        continueRollback();
    for (int i = 0; i < int(m_lanes.size()); ++i) {
        Lane &lane = *m_lanes[i];
        if ((lane.state == InstanceState::Running || lane.state == InstanceState::RollingBack) && !lane.exec
            && !lane.timer.isActive())
            advance(i);
    }
    fillWave();
    evaluateWave();
    return okStatus();
}

Status RunExecutor::abort(const QString &operatorName, const QString &reason)
{
    if (Status written = catchUpFirst(QStringLiteral("abort")); !written)
        return written;
    if (isTerminal(m_state) || m_state == RunState::Aborting)
        return refused(QStringLiteral("abort"), QStringLiteral("the run is %1").arg(runStateName(m_state)));
    m_observeTimer.stop();
    m_watchTimer.stop();
    const bool counting = stopRollbackCountdown();
    cancelGates();
    m_runSteps->cancel();
    setState(RunState::Aborting, reason.isEmpty() ? QStringLiteral("aborted by %1").arg(operatorName) : reason,
             operatorName);
    for (int i = 0; i < int(m_lanes.size()); ++i)
        unqueue(i);
    for (const auto &lane : m_lanes) {
        if (lane->exec) {
            lane->exec->cancel();
        } else {
            lane->timer.stop();
            if (lane->state == InstanceState::Running || lane->state == InstanceState::RollingBack)
                lane->state = InstanceState::Cancelled;
        }
    }
    if (counting)
        emit rollbackCountdownEnded(false);
    checkAbortDone();
    return okStatus();
}

void RunExecutor::checkAbortDone()
{
    if (m_state != RunState::Aborting)
        return;
    for (const auto &lane : m_lanes)
        if (lane->exec)
            return;
    if (!m_gateRuns.isEmpty() || m_runSteps->inFlight())
        return;
    flushWrites();
    setState(RunState::Aborted, m_note);
    if (m_state != RunState::Aborted || !m_journal->release())
        return;   // paused for the failed write; a resume ends the abort
    emit runFinished(m_state);
}

Status RunExecutor::approveNextWave(const QString &operatorName, const QString &comment)
{
    if (Status written = catchUpFirst(QStringLiteral("approve")); !written)
        return written;
    if (m_state != RunState::AwaitingApproval)
        return refused(QStringLiteral("approve"), QStringLiteral("the run is %1, not waiting for an approval").arg(runStateName(m_state)));
    const int next = m_wave + 1;
    // The runbook's rule (WaveApproval) decides who may approve and how many must; approvals already
    // stored (another console's, or before a restart) count too.
    const WaveApproval approval(m_plan, m_runId, m_services, next);
    auto before = approval.standing();
    if (!before)
        return before.error();
    if (!before->satisfied()) {
        // What the approver saw: why the run waits, every gate's verdict and its chart's summary.
        auto stored = approval.approve(operatorName, comment, WaveApproval::evidence(next, m_note, m_gateOutcomes));
        if (!stored) {
            // The run keeps waiting; its note now says what is missing, next to the refusal's reason.
            if (Status noted = continueIfApproved(); !noted)
                return noted;
            return refused(QStringLiteral("approve wave %1").arg(next + 1), stored.error().message, stored.error().hint);
        }
        RunEvent approved = event(RunEvent::Kind::WaveApproved, {}, QStringLiteral("approved"), comment, approval.auditEvidence(*stored),
                                  stored->operatorName);
        approved.wave = next + 1;
        publish(approved);
    }
    return continueIfApproved();
}

Result<SignOffMessage> RunExecutor::approvalRequest() const
{
    if (m_state != RunState::AwaitingApproval)
        return Error{QStringLiteral("the run is %1, not waiting for an approval").arg(runStateName(m_state)), {}, {}};
    const int next = m_wave + 1;
    // The second operator is shown what this console shows: why the run waits and every gate's verdict.
    return WaveApproval(m_plan, m_runId, m_services, next).request(WaveApproval::evidence(next, m_note, m_gateOutcomes));
}

Status RunExecutor::checkSignedApproval(const SignOffMessage &signedOff) const
{
    if (m_state != RunState::AwaitingApproval)
        return Error{QStringLiteral("the run is %1, not waiting for an approval").arg(runStateName(m_state)), signedOff.item, {}};
    return WaveApproval(m_plan, m_runId, m_services, m_wave + 1).checkSigned(signedOff);
}

Status RunExecutor::addVerifiedApproval(const SignOffMessage &signedOff, const Result<SshSignature::Verified> &verified)
{
    if (Status written = catchUpFirst(QStringLiteral("approve")); !written)
        return written;
    if (Status s = checkSignedApproval(signedOff); !s)
        return s;
    const WaveApproval approval(m_plan, m_runId, m_services, m_wave + 1);
    auto stored = approval.addVerified(signedOff, verified);
    if (!stored)
        return refused(QStringLiteral("approve wave %1").arg(m_wave + 2), stored.error().message, stored.error().hint);
    RunEvent approved = event(RunEvent::Kind::WaveApproved, {}, QStringLiteral("approved"), signedOff.comment,
                              approval.auditEvidence(*stored, SignOffRule::auditFields(signedOff, verified->fingerprint)),
                              stored->operatorName);
    approved.wave = m_wave + 2;
    publish(approved);
    return continueIfApproved();
}

Status RunExecutor::continueIfApproved()
{
    if (m_state != RunState::AwaitingApproval)
        return okStatus();
    const int next = m_wave + 1;
    const WaveApproval approval(m_plan, m_runId, m_services, next);
    auto standing = approval.standing();
    if (!standing)
        return standing.error();
    if (!standing->satisfied()) {
        setState(RunState::AwaitingApproval, approval.missing(*standing));
        return okStatus();
    }
    m_restoredInconclusive = false;
    if (next >= m_plan.waves.size()) {
        afterLastWave();
        return okStatus();
    }
    setState(RunState::Running, QStringLiteral("wave %1 approved by %2").arg(QString::number(next + 1), standing->counting.join(QStringLiteral(", "))),
             standing->counting.value(standing->counting.size() - 1));
    startWave(next);
    return okStatus();
}

Status RunExecutor::retry(const QString &instance, const QString &operatorName, const QString &reason)
{
    if (Status written = catchUpFirst(QStringLiteral("retry %1").arg(instance)); !written)
        return written;
    if (instance.isEmpty())
        return resolveRunLevel(QStringLiteral("retry"), operatorName, reason);
    auto i = laneFor(instance);
    if (!i)
        return i.error();
    Lane &lane = *m_lanes[*i];
    const bool rollback = lane.state == InstanceState::RollbackFailed
                          || (lane.state == InstanceState::Interrupted && lane.phase == RunPhase::Rollback);
    if (lane.state != InstanceState::Failed && lane.state != InstanceState::Interrupted && !rollback)
        return refused(QStringLiteral("retry %1").arg(instance),
                       QStringLiteral("it is %1").arg(instanceStateName(lane.state)));
    if (isTerminal(m_state) || m_state == RunState::Aborting)
        return refused(QStringLiteral("retry %1").arg(instance), QStringLiteral("the run is %1").arg(runStateName(m_state)));
    if (auto held = holdForLeftover(*i, QStringLiteral("retry"), [this, instance, operatorName, reason] {
            return retry(instance, operatorName, reason);
        }))
        return *held;
    record(RunEvent::Kind::StepRetried, instance, QStringLiteral("retry"), reason,
          QJsonObject{{QStringLiteral("step"), lane.sequence.value(lane.next)}}, operatorName);
    lane.state = rollback ? InstanceState::RollingBack : InstanceState::Running;
    lane.failed = rollback;
    lane.note.clear();
    emitLane(*i);
    if (lanesMayRun(lane))
        advance(*i);
    return okStatus();
}

void RunExecutor::recordResolution(int i, StepOutcome outcome, const QString &operatorName, const QString &reason)
{
    flushWrites();
    Lane &lane = *m_lanes[i];
    StepResult r;
    r.runId = m_runId;
    r.phase = lane.phase;
    r.wave = lane.wave;
    r.instance = lane.instance.name;
    r.step = lane.sequence.value(lane.next);
    r.attempt = lane.attempt + 1;
    r.startedAt = Clock::instance().now();
    r.finishedAt = r.startedAt;
    r.outcome = outcome;
    r.note = m_redactor.redact(QStringLiteral("%1 by %2: %3").arg(stepOutcomeName(outcome), operatorName, reason));
    auto recorded = m_journal->recordResolution(r, m_leaseGeneration.value(r.instance));
    if (!recorded)
        return;   // not in the step log: the run paused there, the step stays unresolved
    r = *recorded;
    record(outcome == StepOutcome::Skipped ? RunEvent::Kind::StepSkipped : RunEvent::Kind::StepMarkedDone, r.instance,
           stepOutcomeName(outcome), reason, QJsonObject{{QStringLiteral("step"), r.step}}, operatorName);
    emit stepFinished(r);
    ++lane.next;
    lane.attempt = 0;
    lane.probing = false;
    lane.leftAsIs = false;
    lane.state = lane.phase == RunPhase::Rollback ? InstanceState::RollingBack : InstanceState::Running;
    if (lane.phase == RunPhase::Upgrade)
        lane.failed = false;
    lane.note = r.note;
    emitLane(i);
    if (lanesMayRun(lane))
        advance(i);
    else if (lane.next >= lane.sequence.size())
        laneDone(i);
}

std::optional<Status> RunExecutor::holdForLeftover(int i, const QString &resolution, std::function<Status()> resolve)
{
    Lane &lane = *m_lanes[i];
    const auto leftover = m_leftovers->entry(lane.instance.name);
    if (!leftover)
        return std::nullopt;
    if (leftover->outlived && !leftover->killing)
        return Status(refused(QStringLiteral("resolve the step of %1").arg(lane.instance.name),
                              QStringLiteral("step %1 from the previous console (pgid %2) is still running past its timeout")
                                  .arg(leftover->step, QString::number(leftover->group.id())),
                              QStringLiteral("end it first (kill), or wait until it has ended")));
    // Never resolved while the killed console's command may still change the instance: the resolution
    // waits for it to end (or for the operator to end it), then is carried out as asked.
    lane.held = [this, i, resolve = std::move(resolve)] {
        if (Status s = resolve(); !s) {
            m_lanes[i]->note = s.error().toString();
            emitLane(i);
        }
    };
    lane.note = m_leftovers->waitingMessage(lane.instance.name);
    record(RunEvent::Kind::LeftoverWaiting, lane.instance.name, QStringLiteral("waiting"), lane.note,
          QJsonObject{{QStringLiteral("resolution"), resolution},
                      {QStringLiteral("step"), leftover->step},
                      {QStringLiteral("process_group"), leftover->group.id()},
                      {QStringLiteral("deadline"), leftover->deadline.toUTC().toString(Qt::ISODate)}});
    emitLane(i);
    return okStatus();
}

Status RunExecutor::endLeftover(const QString &instance, const QString &operatorName, const QString &reason)
{
    // A run-level step's command is recorded with no instance.
    auto i = instance.isEmpty() ? Result<int>(-1) : laneFor(instance);
    if (!i)
        return i.error();
    const auto leftover = m_leftovers->entry(instance);
    if (!leftover)
        return refused(QStringLiteral("end the previous console's step on %1").arg(instance),
                       QStringLiteral("none of its steps from the previous console is still running"));
    if (leftover->killing)
        return okStatus();
    record(RunEvent::Kind::LeftoverKilled, instance, QStringLiteral("kill"), reason,
          QJsonObject{{QStringLiteral("step"), leftover->step},
                      {QStringLiteral("attempt"), leftover->attempt},
                      {QStringLiteral("process_group"), leftover->group.id()},
                      {QStringLiteral("signals"), QStringLiteral("SIGTERM, SIGKILL after %1 ms").arg(LeftoverProcesses::kKillGraceMs)}},
          operatorName);
    m_leftovers->kill(instance);
    if (*i < 0)
        return okStatus();
    Lane &lane = *m_lanes[*i];
    lane.note = QStringLiteral("ending step %1 of instance %2 from the previous console (pgid %3)")
                    .arg(leftover->step, instance, QString::number(leftover->group.id()));
    emitLane(*i);
    return okStatus();
}

void RunExecutor::onLeftoverEnded(const QString &instance, const QString &step, qint64 group, bool killed)
{
    const QString how = killed ? QStringLiteral("ended by the operator") : QStringLiteral("ended by itself");
    record(RunEvent::Kind::LeftoverEnded, instance, killed ? QStringLiteral("killed") : QStringLiteral("ended"),
          QStringLiteral("step %1 of instance %2 from the previous console (pgid %3) %4")
              .arg(step, instance, QString::number(group), how),
          QJsonObject{{QStringLiteral("step"), step}, {QStringLiteral("process_group"), group}});
    if (instance.isEmpty()) {
        if (auto held = std::exchange(m_runLevelHeld, {}))
            held();
        evaluateWave();
        return;
    }
    const auto it = m_laneByName.constFind(instance);
    if (it == m_laneByName.cend())
        return;
    const int i = *it;
    Lane &lane = *m_lanes[i];
    if (auto held = std::exchange(lane.held, {})) {
        held();
    } else if (std::exchange(lane.waitingForLeftover, false)) {
        lane.note.clear();
        emitLane(i);
        advance(i);
    } else {
        lane.note = QStringLiteral("step %1 from the previous console %2; choose retry, mark done, skip or roll back")
                        .arg(step, how);
        emitLane(i);
    }
    evaluateWave();
}

void RunExecutor::onLeftoverOutlived(const QString &instance, const QString &message)
{
    if (instance.isEmpty()) {
        record(RunEvent::Kind::LeftoverOutlived, {}, QStringLiteral("still-running"), message);
        if (std::exchange(m_runLevelHeld, {}) && !isTerminal(m_state))
            setState(RunState::Interrupted, message);
        emit leftoverOutlived(instance, message);
        return;
    }
    const auto it = m_laneByName.constFind(instance);
    if (it == m_laneByName.cend())
        return;
    const int i = *it;
    Lane &lane = *m_lanes[i];
    record(RunEvent::Kind::LeftoverOutlived, instance, QStringLiteral("still-running"), message,
          QJsonObject{{QStringLiteral("step"), lane.sequence.value(lane.next)}});
    // The wait is bounded: the resolution asked for is dropped, the step stays interrupted and the run
    // waits for the operator's word.
    const bool waited = bool(std::exchange(lane.held, {})) | std::exchange(lane.waitingForLeftover, false);
    if (waited || lane.state == InstanceState::Interrupted
        || ((lane.state == InstanceState::Running || lane.state == InstanceState::RollingBack) && !lane.exec)) {
        lane.state = InstanceState::Interrupted;
        lane.note = message;
        emitLane(i);
        if (m_state == RunState::Running || m_state == RunState::RollingBack || m_state == RunState::Paused)
            setState(RunState::Interrupted, message);
    }
    emit leftoverOutlived(instance, message);
}

Status RunExecutor::skip(const QString &instance, const QString &operatorName, const QString &reason)
{
    if (Status written = catchUpFirst(QStringLiteral("skip a step of %1").arg(instance)); !written)
        return written;
    if (instance.isEmpty())
        return resolveRunLevel(QStringLiteral("skip"), operatorName, reason);
    auto i = laneFor(instance);
    if (!i)
        return i.error();
    Lane &lane = *m_lanes[*i];
    if (reason.trimmed().isEmpty())
        return refused(QStringLiteral("skip a step of %1").arg(instance), QStringLiteral("a skip needs a reason"));
    if (lane.state != InstanceState::Failed && lane.state != InstanceState::Interrupted
        && lane.state != InstanceState::RollbackFailed)
        return refused(QStringLiteral("skip a step of %1").arg(instance), QStringLiteral("it is %1").arg(instanceStateName(lane.state)));
    if (auto held = holdForLeftover(*i, QStringLiteral("skip"), [this, instance, operatorName, reason] {
            return skip(instance, operatorName, reason);
        }))
        return *held;
    recordResolution(*i, StepOutcome::Skipped, operatorName, reason);
    return okStatus();
}

Status RunExecutor::markDone(const QString &instance, const QString &operatorName, const QString &reason)
{
    if (Status written = catchUpFirst(QStringLiteral("mark a step of %1 done").arg(instance)); !written)
        return written;
    if (instance.isEmpty())
        return resolveRunLevel(QStringLiteral("mark-done"), operatorName, reason);
    auto i = laneFor(instance);
    if (!i)
        return i.error();
    Lane &lane = *m_lanes[*i];
    if (reason.trimmed().isEmpty())
        return refused(QStringLiteral("mark a step of %1 done").arg(instance), QStringLiteral("it needs a reason"));
    if (lane.state != InstanceState::Failed && lane.state != InstanceState::Interrupted
        && lane.state != InstanceState::RollbackFailed)
        return refused(QStringLiteral("mark a step of %1 done").arg(instance),
                       QStringLiteral("it is %1").arg(instanceStateName(lane.state)));
    if (auto held = holdForLeftover(*i, QStringLiteral("mark-done"), [this, instance, operatorName, reason] {
            return markDone(instance, operatorName, reason);
        }))
        return *held;
    recordResolution(*i, StepOutcome::MarkedDone, operatorName, reason);
    return okStatus();
}

Status RunExecutor::rollback(const QString &instance, const QString &operatorName, const QString &reason)
{
    if (Status written = catchUpFirst(QStringLiteral("roll back %1").arg(instance)); !written)
        return written;
    auto i = laneFor(instance);
    if (!i)
        return i.error();
    Lane &lane = *m_lanes[*i];
    if (isTerminal(m_state) || m_state == RunState::Aborting)
        return refused(QStringLiteral("roll back %1").arg(instance), QStringLiteral("the run is %1").arg(runStateName(m_state)));
    if (lane.phase == RunPhase::Rollback || lane.state == InstanceState::Pending)
        return refused(QStringLiteral("roll back %1").arg(instance), QStringLiteral("it is %1").arg(instanceStateName(lane.state)));
    if (lane.leftAsIs)
        return refused(QStringLiteral("roll back %1").arg(instance), lane.note,
                       QStringLiteral("retry or skip the failed step"));
    if (auto held = holdForLeftover(*i, QStringLiteral("rollback"), [this, instance, operatorName, reason] {
            return rollback(instance, operatorName, reason);
        }))
        return *held;
    record(RunEvent::Kind::RollbackRequested, instance, QStringLiteral("rollback"), reason, {}, operatorName);
    if (m_watchStarted.isValid() && (m_state == RunState::Watching || watchResumable())) {
        // A rollback during the watch ends it: the run rolls back and ends when the rollback has.
        m_watchTimer.stop();
        cancelGates();
        m_waveStopped = true;
        setState(RunState::RollingBack, QStringLiteral("rolling back during the watch: %1 by %2: %3").arg(instance, operatorName, reason),
                 operatorName);
    }
    unqueue(*i);
    if (lane.exec) {
        lane.rollbackAfterCancel = true;
        lane.exec->cancel();
        return okStatus();
    }
    startRollback(*i, false, QStringLiteral("rolled back by %1: %2").arg(operatorName, reason));
    return okStatus();
}

Status RunExecutor::emergencyRollback(const QString &operatorName, const QString &reason)
{
    if (Status written = catchUpFirst(QStringLiteral("roll back in an emergency")); !written)
        return written;
    if (reason.trimmed().isEmpty())
        return refused(QStringLiteral("roll back in an emergency"), QStringLiteral("an emergency rollback needs a reason"));
    if (isTerminal(m_state) || m_state == RunState::Aborting)
        return refused(QStringLiteral("roll back in an emergency"), QStringLiteral("the run is %1").arg(runStateName(m_state)));
    // Nothing of a planned run ran: rolling it back would end it "succeeded" with nothing done.
    if (m_state == RunState::Planned)
        return refused(QStringLiteral("roll back in an emergency"), QStringLiteral("the run has not started; nothing of it ran"),
                       QStringLiteral("abort it instead"));
    record(RunEvent::Kind::RollbackEmergency, {}, QStringLiteral("emergency"), reason, {}, operatorName);
    m_observeTimer.stop();
    m_watchTimer.stop();
    if (stopRollbackCountdown())
        emit rollbackCountdownEnded(true);
    cancelGates();
    m_runSteps->cancel();
    m_waveStopped = true;
    m_budgetOverridden = false;
    setState(RunState::RollingBack, QStringLiteral("emergency rollback by %1: %2").arg(operatorName, reason), operatorName);
    for (int i = 0; i < int(m_lanes.size()); ++i) {
        Lane &lane = *m_lanes[i];
        unqueue(i);
        if (lane.ran.isEmpty() && !lane.exec && lane.state == InstanceState::Running)
            lane.state = InstanceState::Pending;   // its first step never started
        if (lane.phase == RunPhase::Rollback || lane.leftAsIs || (lane.ran.isEmpty() && !lane.exec))
            continue;
        lane.emergency = true;
        if (lane.exec) {
            lane.rollbackAfterCancel = true;
            lane.exec->cancel();
        } else {
            startRollback(i, true, QStringLiteral("emergency rollback: %1").arg(reason));
        }
    }
    evaluateWave();
    return okStatus();
}

Status RunExecutor::confirmManual(const QString &instance, const QString &operatorName, const QString &comment)
{
    if (Status written = catchUpFirst(QStringLiteral("confirm a step of %1").arg(instance)); !written)
        return written;
    if (instance.isEmpty())
        return resolveRunLevel(QStringLiteral("confirm"), operatorName, comment);
    auto i = laneFor(instance);
    if (!i)
        return i.error();
    auto *manual = qobject_cast<ManualStepExecution *>(m_lanes[*i]->exec);
    auto *gate = qobject_cast<GateStepExecution *>(m_lanes[*i]->exec);
    if (!manual && !(gate && gate->waitsForOperator()))
        return refused(QStringLiteral("confirm a step of %1").arg(instance), QStringLiteral("no manual step is waiting"));
    if (waitsForRestore(instance))
        return refused(QStringLiteral("confirm a step of %1").arg(instance), QStringLiteral("it needs restore"),
                       QStringLiteral("confirm the restore (confirmRestored) or leave it unrestored"));
    if (operatorName.trimmed().isEmpty())
        return refused(QStringLiteral("confirm a step of %1").arg(instance), QStringLiteral("a confirmation needs the operator's name"));
    SignOff s;
    s.runId = m_runId;
    s.item = QStringLiteral("step:%1:%2:%3").arg(m_lanes[*i]->sequence.value(m_lanes[*i]->next), instance,
                      QString::number(m_lanes[*i]->attempt));
    s.operatorName = operatorName;
    s.signedAt = Clock::instance().now();
    s.comment = comment;
    if (auto stored = m_services.signOffs->add(s); !stored)
        return stored.error();
    record(RunEvent::Kind::StepConfirmed, instance, QStringLiteral("confirmed"), comment,
           QJsonObject{{QStringLiteral("step"), m_lanes[*i]->sequence.value(m_lanes[*i]->next)}}, operatorName);
    if (manual)
        manual->confirm(operatorName, comment);
    else
        gate->accept(operatorName, comment);
    return okStatus();
}

Status RunExecutor::declineManual(const QString &instance, const QString &operatorName, const QString &comment)
{
    if (Status written = catchUpFirst(QStringLiteral("decline a step of %1").arg(instance)); !written)
        return written;
    if (instance.isEmpty())
        return resolveRunLevel(QStringLiteral("decline"), operatorName, comment);
    auto i = laneFor(instance);
    if (!i)
        return i.error();
    auto *manual = qobject_cast<ManualStepExecution *>(m_lanes[*i]->exec);
    auto *gate = qobject_cast<GateStepExecution *>(m_lanes[*i]->exec);
    if (!manual && !(gate && gate->waitsForOperator()))
        return refused(QStringLiteral("decline a step of %1").arg(instance), QStringLiteral("no manual step is waiting"));
    if (waitsForRestore(instance))
        return refused(QStringLiteral("decline a step of %1").arg(instance), QStringLiteral("it needs restore"),
                       QStringLiteral("confirm the restore (confirmRestored) or leave it unrestored"));
    record(RunEvent::Kind::StepDeclined, instance, QStringLiteral("declined"), comment,
           QJsonObject{{QStringLiteral("step"), m_lanes[*i]->sequence.value(m_lanes[*i]->next)}}, operatorName);
    if (manual)
        manual->decline(operatorName, comment);
    else
        gate->reject(operatorName, comment);
    return okStatus();
}

Status RunExecutor::addOverride(const PolicyOverride &override)
{
    if (override.reason.trimmed().isEmpty() || override.operatorName.trimmed().isEmpty())
        return refused(QStringLiteral("override %1").arg(policyOverrideKindName(override.kind)),
                       QStringLiteral("an override needs an operator and a reason"));
    m_plan.overrides.append(override);
    record(RunEvent::Kind::PolicyOverridden, override.instance, policyOverrideKindName(override.kind), override.reason,
           {}, override.operatorName);
    return okStatus();
}

// --- The machine ---------------------------------------------------------------------------------------

bool RunExecutor::lanesMayRun(const Lane &lane) const
{
    // Nothing starts while a write waits to be recorded (RunJournal).
    if (m_journal->held())
        return false;
    // An operator's rollback goes on even while the run is paused; upgrade steps only while it runs.
    if (lane.phase == RunPhase::Rollback)
        return m_state != RunState::Aborting && !isTerminal(m_state) && m_state != RunState::Planned;
    return m_state == RunState::Running;
}

void RunExecutor::startWave(int wave)
{
    m_wave = wave;
    m_waveStopped = false;
    m_budgetOverridden = false;
    m_journal->writeState(m_state, m_wave, m_note);   // not written: the run paused, resume goes on with this wave
    record(RunEvent::Kind::WaveStarted, {}, m_plan.waves[wave].name, {},
           QJsonObject{{QStringLiteral("wave"), wave + 1}, {QStringLiteral("instances"), int(m_plan.waves[wave].instances.size())}});
    emit waveStarted(wave, m_plan.waves[wave].name);
    fillWave();
    evaluateWave();
}

void RunExecutor::fillWave()
{
    if (m_state != RunState::Running || m_waveStopped)
        return;
    const int parallel = std::max(1, m_plan.runbook.strategy.maxParallel);
    int active = 0;
    // A lane whose resolution waits for the killed console's leftover command holds its slot: that
    // command still acts on the instance, and the resolution starts steps once it has ended.
    for (const auto &lane : m_lanes)
        if (lane->wave == m_wave
            && (lane->state == InstanceState::Running || lane->state == InstanceState::WaitingForOperator
                || lane->state == InstanceState::RollingBack || lane->held))
            ++active;
    for (int i = 0; i < int(m_lanes.size()) && active < parallel; ++i) {
        Lane &lane = *m_lanes[i];
        if (lane.wave != m_wave || lane.state != InstanceState::Pending)
            continue;
        lane.state = InstanceState::Running;
        ++active;
        emitLane(i);
        advance(i);
        if (m_state != RunState::Running || m_waveStopped)
            return;
    }
}

void RunExecutor::advance(int i)
{
    Lane &lane = *m_lanes[i];
    if (lane.exec || lane.starting)
        return;
    if (lane.phase == RunPhase::Upgrade && m_state == RunState::RollingBack) {
        // The wave rolls back while this instance was mid-upgrade: a finished upgrade stays, a partial
        // one is undone. Waiting here instead would leave the lane "running" with nothing in flight.
        if (lane.next >= lane.sequence.size())
            laneDone(i);
        else
            startRollback(i, false, QStringLiteral("automatic rollback: wave %1 rolls back").arg(lane.wave + 1));
        return;
    }
    if (!lanesMayRun(lane))
        return;
    if (lane.next >= lane.sequence.size()) {
        laneDone(i);
        return;
    }
    startStep(i);
}

void RunExecutor::startStep(int i)
{
    Lane &lane = *m_lanes[i];
    if (const auto leftover = m_leftovers->entry(lane.instance.name)) {
        // The killed console's command still acts on this instance: nothing else starts on it until it
        // has ended (onLeftoverEnded starts this step then).
        if (leftover->outlived && !leftover->killing) {
            lane.waitingForLeftover = false;
            onLeftoverOutlived(lane.instance.name, m_leftovers->outlivedMessage(lane.instance.name));
            return;
        }
        if (!std::exchange(lane.waitingForLeftover, true)) {
            lane.note = m_leftovers->waitingMessage(lane.instance.name);
            record(RunEvent::Kind::LeftoverWaiting, lane.instance.name, QStringLiteral("waiting"), lane.note,
                  QJsonObject{{QStringLiteral("resolution"), QStringLiteral("start")},
                              {QStringLiteral("step"), lane.sequence.value(lane.next)},
                              {QStringLiteral("process_group"), m_leftovers->entry(lane.instance.name)->group.id()}});
            emitLane(i);
        }
        return;
    }
    const StepSpec *step = currentSpec(lane);
    if (step && lane.probing)
        step = m_plan.runbook.findStep(step->probe);
    if (step && atRestorePoint(lane))
        step = restoreQuestion(*step);   // nothing undoes it: the operator is asked (RunExecutorRestore.cpp)
    if (!step) {
        lane.state = lane.phase == RunPhase::Rollback ? InstanceState::RollbackFailed : InstanceState::Failed;
        lane.failed = true;
        lane.note = QStringLiteral("the runbook has no step \"%1\"").arg(lane.sequence.value(lane.next));
        emitLane(i);
        evaluateWave();
        return;
    }
    // Disruptive steps only inside the maintenance window (or with an override); checked when they start,
    // because a window can end during a run.
    if (lane.phase == RunPhase::Upgrade && Policy::isDisruptive(m_plan.runbook, *step)
        && !m_plan.findOverride(PolicyOverride::Kind::MaintenanceWindow, lane.instance.name)) {
        if (auto r = Policy::checkWindow(m_plan.window, Clock::instance().now())) {
            setState(RunState::Paused, QStringLiteral("step %1 on %2 is disruptive: %3")
                                           .arg(step->id, lane.instance.name, r->reason));
            return;
        }
    }
    // The group lock (`lock:`): a change-making step needs the instance's slot of its group; without a
    // free one the lane waits, its note naming the holders, and GroupLocks::mayRetry brings it back.
    if (m_groupLocks) {
        auto admission = m_groupLocks->admit(lane.instance.name, StepKinds::changesSystem(*step), m_operator);
        if (!admission) {
            setState(RunState::Paused, QStringLiteral("cannot take the group lock for %1: %2")
                                           .arg(lane.instance.name, admission.error().message));
            return;
        }
        if (!admission->note.isEmpty() && admission->note != lane.note) {
            lane.note = admission->note;
            emitLane(i);
            if (!admission->admitted) {
                RunEvent waiting = event(RunEvent::Kind::LockWaiting, lane.instance.name, {}, lane.note);
                waiting.step = step->id;
                publish(waiting);
                emit instanceWaiting(lane.instance.name, lane.note);
            }
        }
        if (!admission->admitted)
            return;
    }
    ++lane.attempt;
    lane.leftAsIs = false;
    lane.timedOut = false;
    lane.tail.clear();
    lane.current = StepResult{};
    lane.current.runId = m_runId;
    lane.current.phase = lane.phase;
    lane.current.wave = lane.wave;
    lane.current.instance = lane.instance.name;
    lane.current.step = step->id;
    lane.current.attempt = lane.attempt;
    lane.current.startedAt = Clock::instance().now();
    lane.starting = step;
    m_startQueue << i;
    scheduleFlush();
}

void RunExecutor::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void RunExecutor::unqueue(int i)
{
    Lane &lane = *m_lanes[i];
    if (!lane.starting)
        return;
    m_startQueue.removeAll(i);
    lane.starting = nullptr;
    --lane.attempt;
}

void RunExecutor::flushWrites()
{
    m_flushTimer.stop();
    QList<int> starts, stranded;
    for (int i : std::exchange(m_startQueue, {})) {
        // Paused, aborted or rolled back since it was queued: it does not start.
        if (lanesMayRun(*m_lanes[i])) {
            starts << i;
        } else {
            unqueue(i);
            if (m_state == RunState::RollingBack && m_lanes[i]->phase == RunPhase::Upgrade)
                stranded << i;
        }
    }
    const QList<StepResult> results = std::exchange(m_pendingResults, {});
    if (starts.isEmpty() && results.isEmpty()) {
        settleStranded(stranded);
        return;
    }
    QList<std::pair<StepResult, qint64>> intents;
    for (int i : starts)
        intents.append({m_lanes[i]->current, m_leaseGeneration.value(m_lanes[i]->instance.name)});
    const QList<Result<qint64>> ids = m_journal->commitSteps(results, intents);
    for (int n = 0; n < starts.size(); ++n)
        launchStep(starts[n], ids[n]);
    settleStranded(stranded);
}

void RunExecutor::settleStranded(const QList<int> &lanes)
{
    // The wave began rolling back while these instances' next upgrade step waited to start: one that had
    // not started anything goes back to pending, a partial upgrade is undone (advance). Left "running"
    // with nothing in flight, the wave would never settle and the run never end.
    for (int i : lanes) {
        Lane &lane = *m_lanes[i];
        if (lane.ran.isEmpty()) {
            lane.state = InstanceState::Pending;
            emitLane(i);
        } else {
            advance(i);
        }
    }
    if (!lanes.isEmpty())
        evaluateWave();
}

void RunExecutor::launchStep(int i, const Result<qint64> &id)
{
    Lane &lane = *m_lanes[i];
    const StepSpec *step = lane.starting;
    lane.starting = nullptr;
    if (!id) {
        // Not written ahead, so not started: the run paused for the failed write (or the lease is lost);
        // the step starts on resume.
        --lane.attempt;
        lane.note = id.error().message;
        emitLane(i);
        return;
    }
    lane.current.id = *id;
    if (lane.phase == RunPhase::Upgrade && !lane.probing && !lane.ran.contains(step->id))
        lane.ran << step->id;
    StepContext context = contextFor(lane);
    // The command may run only once its process group is stored with this intent: a console killed
    // while it runs leaves it behind, and the next console must find it (LeftoverProcesses).
    context.processStarted = [this, intent = lane.current](const ProcessGroup &group) -> Status {
        if (m_leaseLost)
            return Error{QStringLiteral("another console drives these instances now"), intent.instance, {}};
        return m_services.runs->recordProcess(intent, group.id(), group.identity());
    };
    lane.exec = m_services.launcher->launch(*step, context, this);
    connect(lane.exec, &StepExecution::outputLine, this, [this, i](const QString &raw) {
        const QString line = m_redactor.redact(raw);
        Lane &l = *m_lanes[i];
        l.tail.append(line.left(kMaxLineLength));
        if (l.tail.size() > kTailLines)
            l.tail.removeFirst();
        emit stepOutput(l.instance.name, l.current.step, line);
    });
    connect(lane.exec, &StepExecution::gateMeasured, this,
            [this, place = GateReadingLog::place(GateMeasurementRecord::kStepPhase, lane.wave + 1, m_plan.runbook.gates,
                                                 step->gate, {lane.instance})](const GateMeasurement &m) {
                onGateMeasured(place, m);
            });
    connect(lane.exec, &StepExecution::finished, this,
            [this, i](const StepExecutionResult &result) { onStepFinished(i, result); });
    const StepKindHandler &kind = StepKinds::of(step->kind);
    if (kind.hasTimeout && step->timeout.count() > 0)
        lane.timer.start(step->timeout);
    lane.state = kind.waitsForOperator ? InstanceState::WaitingForOperator
                 : lane.phase == RunPhase::Rollback ? InstanceState::RollingBack
                                                    : InstanceState::Running;
    narrateStepStarted(lane.current);
    emitLane(i);
    if (askRestore(i))
        return;
    // The prompt as the dispatcher rendered it for this instance (a failed rendering fails the step instead).
    if (auto *manual = qobject_cast<ManualStepExecution *>(lane.exec))
        narrateManualWaiting(lane.instance.name, step->id, manual->prompt());
    // An inconclusive gate step asks a person like a manual step (confirmManual accepts, declineManual
    // rejects the result).
    if (auto *gate = qobject_cast<GateStepExecution *>(lane.exec))
        connect(gate, &GateStepExecution::needsOperator, this, [this, i, id = step->id](const QString &question) {
            Lane &l = *m_lanes[i];
            l.state = InstanceState::WaitingForOperator;
            l.note = question;
            record(RunEvent::Kind::GateInconclusive, l.instance.name, QStringLiteral("needs-operator"), question,
                   QJsonObject{{QStringLiteral("step"), id}});
            emitLane(i);
            emit manualStepWaiting(l.instance.name, id, question);
        });
}

bool RunExecutor::waitsOnInconclusiveGate(const QString &instance) const
{
    const auto it = m_laneByName.constFind(instance);
    if (it == m_laneByName.cend())
        return false;
    const auto *gate = qobject_cast<const GateStepExecution *>(m_lanes[*it]->exec);
    return gate && gate->waitsForOperator();
}

bool RunExecutor::gatesInconclusive() const
{
    if (m_state != RunState::AwaitingApproval)
        return false;
    return m_restoredInconclusive
           || std::any_of(m_gateOutcomes.cbegin(), m_gateOutcomes.cend(),
                          [](const GateOutcome &o) { return o.state == GateOutcome::State::NeedsOperator; });
}

void RunExecutor::onStepFinished(int i, const StepExecutionResult &end)
{
    Lane &lane = *m_lanes[i];
    lane.exec->deleteLater();
    lane.exec = nullptr;
    lane.timer.stop();
    if (m_leaseLost) {
        // Cancelled because another console took the instance over: nothing is recorded from here.
        lane.state = InstanceState::Interrupted;
        lane.note = m_note;
        emitLane(i);
        return;
    }
    StepResult &r = lane.current;
    r.finishedAt = Clock::instance().now();
    r.outcome = lane.timedOut ? StepOutcome::TimedOut : end.outcome;
    r.exitCode = end.code;
    r.outputTail = lane.tail.join(QLatin1Char('\n'));
    r.durationMs = r.startedAt.msecsTo(r.finishedAt);
    r.note = lane.timedOut ? QStringLiteral("timed out") : m_redactor.redact(end.message);
    m_pendingResults << r;
    scheduleFlush();
    RunEvent finished = event(RunEvent::Kind::StepFinished, r.instance, stepOutcomeName(*r.outcome), r.note,
                              QJsonObject{{QStringLiteral("step"), r.step},
                                          {QStringLiteral("phase"), runPhaseName(r.phase)},
                                          {QStringLiteral("attempt"), r.attempt},
                                          {QStringLiteral("code"), r.exitCode},
                                          {QStringLiteral("duration_ms"), r.durationMs}});
    finished.phase = r.phase;
    finished.attempt = r.attempt;
    finished.durationMs = r.durationMs;
    publish(finished);
    emit stepFinished(r);

    if (m_state == RunState::Aborting) {
        lane.state = InstanceState::Cancelled;
        lane.note = QStringLiteral("cancelled by abort");
        emitLane(i);
        checkAbortDone();
        return;
    }
    if (lane.rollbackAfterCancel) {
        lane.rollbackAfterCancel = false;
        startRollback(i, lane.emergency, lane.emergency ? QStringLiteral("emergency rollback")
                                                        : QStringLiteral("rolled back by the operator"));
        return;
    }
    if (restoreNotDone(i, r))
        return;   // left unrestored by the operator
    const StepSpec *spec = m_plan.runbook.findStep(r.step);
    if (lane.probing) {
        lane.probing = false;
        if (*r.outcome == StepOutcome::Succeeded) {
            recordResolution(i, StepOutcome::MarkedDone, kEngine,
                             QStringLiteral("probe %1 says the interrupted step took effect").arg(r.step));
        } else {
            lane.note = QStringLiteral("probe %1 says the interrupted step did not take effect; running it again").arg(r.step);
            emitLane(i);
            advance(i);
        }
        return;
    }
    if (*r.outcome == StepOutcome::Succeeded) {
        ++lane.next;
        lane.attempt = 0;
        emitLane(i);
        advance(i);
        return;
    }
    if (end.stopsWave && lane.phase != RunPhase::Rollback) {
        // A changed host key may be an attack: no retry, and nothing more of this wave starts,
        // whatever the failure budget allows. The operator decides after checking the host.
        if (!m_waveStopped) {
            m_waveStopped = true;
            record(RunEvent::Kind::WaveStopped, lane.instance.name, QStringLiteral("stopped"), r.note);
            if (m_state == RunState::Running)
                setState(RunState::Paused, r.note);
        }
        StepSpec halted = spec ? *spec : StepSpec{};
        halted.onFailure = OnFailure::Pause;
        stepFailed(i, halted, r);
        return;
    }
    if (spec && (*r.outcome == StepOutcome::Failed || *r.outcome == StepOutcome::TimedOut)
        && lane.attempt <= spec->retries.count) {
        lane.note = QStringLiteral("attempt %1 %2; retrying").arg(lane.attempt).arg(stepOutcomeName(*r.outcome));
        emitLane(i);
        lane.timer.start(spec->retries.backoff);
        return;
    }
    stepFailed(i, spec ? *spec : StepSpec{}, r);
}

void RunExecutor::stepFailed(int i, const StepSpec &spec, const StepResult &r)
{
    Lane &lane = *m_lanes[i];
    lane.note = QStringLiteral("step %1 %2: %3").arg(r.step, stepOutcomeName(*r.outcome), r.note);
    if (lane.phase == RunPhase::Rollback) {
        lane.state = InstanceState::RollbackFailed;
        emitLane(i);
        record(RunEvent::Kind::RollbackFailed, lane.instance.name, QStringLiteral("failed"), lane.note);
        evaluateWave();
        return;
    }
    if (spec.onFailure == OnFailure::Continue) {
        ++lane.next;
        lane.attempt = 0;
        emitLane(i);
        advance(i);
        return;
    }
    lane.failed = true;
    const bool rollback = spec.onFailure == OnFailure::Rollback
                          || m_plan.runbook.strategy.onFailure == OnFailure::Rollback;
    if (rollback && m_state != RunState::Paused) {
        if (StepKinds::of(spec.kind).measuresHealth && m_rollbackCountdown.count() > 0 && !m_rollbackDeadline.isValid()) {
            // A gate step reached its failure limit: like the gates between waves, the rollback counts
            // down first (cancellable), and nothing more of the wave starts meanwhile.
            lane.state = InstanceState::Failed;
            emitLane(i);
            m_waveStopped = true;
            record(RunEvent::Kind::WaveStopped, lane.instance.name, QStringLiteral("stopped"), lane.note);
            scheduleGateRollback(QStringLiteral("gate step %1 failed on %2: %3").arg(r.step, lane.instance.name, r.note), {i});
            return;
        }
        startRollback(i, false, QStringLiteral("automatic rollback: ") + lane.note);
        // The failure budget decides now whether the wave stops (and the run says it rolls back), not
        // when this instance's rollback has ended.
        evaluateWave();
        return;
    }
    lane.state = InstanceState::Failed;
    emitLane(i);
    evaluateWave();
}

void RunExecutor::startRollback(int i, bool emergency, const QString &why)
{
    Lane &lane = *m_lanes[i];
    const QStringList sequence = Planner::rollbackSequence(m_plan.runbook, lane.ran, emergency);
    if (sequence.isEmpty() && !lane.ran.isEmpty()) {
        leaveAsIs(i, why);
        return;
    }
    lane.phase = RunPhase::Rollback;
    lane.emergency = emergency;
    lane.sequence = sequence;
    lane.next = 0;
    lane.attempt = 0;
    lane.failed = true;
    lane.probing = false;
    lane.note = why;
    lane.state = InstanceState::RollingBack;
    record(RunEvent::Kind::RollbackStarted, lane.instance.name, emergency ? QStringLiteral("emergency") : QStringLiteral("rollback"),
           why, QJsonObject{{QStringLiteral("steps"), lane.sequence.join(QLatin1Char(','))}});
    emitLane(i);
    if (lane.ran.isEmpty()) {
        // Nothing of the upgrade started on this instance: there is nothing to undo.
        lane.sequence.clear();
        laneDone(i);
        return;
    }
    advance(i);
}

void RunExecutor::leaveAsIs(int i, const QString &why)
{
    Lane &lane = *m_lanes[i];
    if (lane.leftAsIs)
        return;   // decided already (the failure budget asks again for every failed instance)
    // Compensation undoes exactly what ran. Nothing that changes the system started here (only checks and
    // reads), or nothing in the runbook compensates what did: running the rollback list would change a
    // healthy instance, so it stays as it is and the record says so — never "rolled back".
    const bool untouched = !Planner::changedSystem(m_plan.runbook, lane.ran);
    const QString cause = lane.failed && !lane.note.isEmpty() ? lane.note : why;
    QStringList changed;
    for (const QString &id : std::as_const(lane.ran))
        if (const StepSpec *s = m_plan.runbook.findStep(id); !s || StepKinds::changesSystem(*s))
            changed << id;
    lane.leftAsIs = true;
    lane.failed = lane.state != InstanceState::Succeeded;
    if (lane.failed)
        lane.state = InstanceState::Failed;
    lane.note = untouched
                    ? QStringLiteral("untouched: nothing that changes the system ran, nothing was rolled back (%1)").arg(cause)
                    : QStringLiteral("left as is: no rollback step compensates %1, nothing was rolled back (%2)")
                          .arg(changed.join(QStringLiteral(", ")), cause);
    record(RunEvent::Kind::RollbackSkipped, lane.instance.name,
           untouched ? QStringLiteral("untouched") : QStringLiteral("nothing-to-undo"), why,
           QJsonObject{{QStringLiteral("ran"), lane.ran.join(QLatin1Char(','))}});
    emitLane(i);
    evaluateWave();
}

void RunExecutor::laneDone(int i)
{
    Lane &lane = *m_lanes[i];
    lane.state = lane.phase == RunPhase::Rollback ? InstanceState::RolledBack : InstanceState::Succeeded;
    if (lane.phase == RunPhase::Rollback)
        record(RunEvent::Kind::RollbackFinished, lane.instance.name, QStringLiteral("rolled-back"), lane.note);
    emitLane(i);
    evaluateWave();
}

bool RunExecutor::waveSettled() const
{
    if (m_rollbackDeadline.isValid())
        return false;   // the countdown decides first
    for (const auto &lane : m_lanes) {
        if (lane->exec || lane->starting || lane->timer.isActive() || lane->held || lane->waitingForLeftover)
            return false;
        if (lane->state == InstanceState::Running || lane->state == InstanceState::RollingBack
            || lane->state == InstanceState::WaitingForOperator)
            return false;
        if (lane->wave == m_wave && lane->state == InstanceState::Pending && !m_waveStopped)
            return false;
    }
    return true;
}

void RunExecutor::evaluateWave()
{
    if (m_state == RunState::Aborting || isTerminal(m_state) || m_state == RunState::Planned)
        return;
    if (m_runSteps->holdsRun() && m_state != RunState::RollingBack)
        return;   // a run-level step is under way: the waves wait for it
    const int budget = m_plan.runbook.strategy.maxFailedPerWave;
    const int failed = failedInWave(m_wave);
    if (failed > budget && !m_waveStopped && !m_budgetOverridden) {
        // Stop the line: no further instance of this wave starts.
        m_waveStopped = true;
        const QString why = QStringLiteral("failure budget of wave %1 spent: %2 failed, %3 allowed")
                                .arg(m_wave + 1).arg(failed).arg(budget);
        record(RunEvent::Kind::WaveStopped, {}, QStringLiteral("stopped"), why);
        if (m_plan.runbook.strategy.onFailure == OnFailure::Rollback) {
            // The run says "rolling back" only when something is: instances that failed untouched (only
            // their checks ran) are left as they are, and with nothing else to undo the run ends failed.
            const bool rollsBack = std::any_of(m_lanes.cbegin(), m_lanes.cend(), [this](const auto &l) {
                return l->state == InstanceState::RollingBack || l->exec || l->starting
                       || (l->state == InstanceState::Failed && !l->leftAsIs
                           && !Planner::rollbackSequence(m_plan.runbook, l->ran, false).isEmpty());
            });
            if (rollsBack)
                setState(RunState::RollingBack, QStringLiteral("rolling back: ") + why);
            for (int i = 0; i < int(m_lanes.size()); ++i)
                if (m_lanes[i]->state == InstanceState::Failed)
                    startRollback(i, false, QStringLiteral("automatic rollback: ") + why);
        } else if (m_state == RunState::Running) {
            setState(RunState::Paused, why);
        }
    }
    if (m_state != RunState::Running && m_state != RunState::RollingBack)
        return;
    fillWave();
    if (!waveSettled())
        return;
    if (m_waveStopped || m_state == RunState::RollingBack) {
        record(RunEvent::Kind::WaveEnded, {}, m_waveStopped ? QStringLiteral("stopped") : QStringLiteral("rolling-back"), {});
        emit waveFinished(m_wave, false);
        finish();
        return;
    }
    emit waveFinished(m_wave, failedInWave(m_wave) == 0);
    record(RunEvent::Kind::WaveFinished, {}, failedInWave(m_wave) == 0 ? QStringLiteral("ok") : QStringLiteral("failures"),
          {}, QJsonObject{{QStringLiteral("wave"), m_wave + 1}, {QStringLiteral("failed"), failedInWave(m_wave)}});
    if (m_wave + 1 >= m_plan.waves.size() && !gatesJudgeWave(m_wave)) {
        afterLastWave();
        return;
    }
    // After the last wave too: the gates judge the final part of the fleet before the run can succeed.
    beginBetweenWaves();
}

bool RunExecutor::gatesJudgeWave(int wave) const
{
    if (!m_services.gates || m_plan.runbook.gates.isEmpty())
        return false;
    return std::any_of(m_lanes.cbegin(), m_lanes.cend(), [wave](const auto &lane) {
        return lane->wave == wave && lane->state == InstanceState::Succeeded;
    });
}

void RunExecutor::beginBetweenWaves()
{
    const bool lastWave = m_wave + 1 >= m_plan.waves.size();
    setState(RunState::Observing, lastWave ? QStringLiteral("gates judge the last wave (%1)").arg(m_wave + 1)
                                           : QStringLiteral("observing wave %1").arg(m_wave + 1));
    if (m_journal->held())
        return;   // paused for a failed write: nothing is measured; a resume observes the wave again
    m_observed = false;
    m_gateOutcomes.clear();
    QList<Instance> judged, baseline;
    for (const auto &lane : m_lanes) {
        if (lane->wave == m_wave && lane->state == InstanceState::Succeeded)
            judged << lane->instance;
        else if (lane->wave > m_wave)
            baseline << lane->instance;
    }
    const QDateTime upgradeStarted = m_upgradeStarts.earliest(judged);
    // When the next wave may start at the earliest: the observation and every gate's measurements. The
    // observation is between waves; after the last wave only the gates measure.
    const std::chrono::milliseconds observe = lastWave ? std::chrono::milliseconds(0) : m_plan.runbook.strategy.observe;
    std::chrono::milliseconds longest = observe;
    if (m_services.gates && !judged.isEmpty()) {
        for (const GateSpec &gate : m_plan.runbook.gates) {
            longest = std::max(longest, gate.initialDelay + gate.interval * std::max(1, gate.count));
            auto *exec = new GateStepExecution(m_services.gates->start(gate, judged, baseline, upgradeStarted, this), this);
            m_gateRuns << exec;
            connect(exec, &StepExecution::gateMeasured, this,
                    [this, place = GateReadingLog::place(GateMeasurementRecord::kWavePhase, m_wave + 1, m_plan.runbook.gates,
                                                         gate.id, judged)](const GateMeasurement &m) {
                        onGateMeasured(place, m);
                    });
            connect(exec, &StepExecution::finished, this,
                    [this, exec, id = gate.id](const StepExecutionResult &) { onGateFinished(id, exec); });
            // Inconclusive: the gate's measuring is over; the wave's verdict asks a person (betweenWavesDone).
            connect(exec, &GateStepExecution::needsOperator, this,
                    [this, exec, id = gate.id](const QString &) { onGateFinished(id, exec); });
        }
    }
    m_observationEnds = Clock::instance().now().addMSecs(longest.count());
    m_observeTimer.start(observe);
}

void RunExecutor::onGateFinished(const QString &id, StepExecution *exec)
{
    auto *gate = static_cast<GateStepExecution *>(exec);
    m_gateRuns.removeOne(exec);
    const GateOutcome outcome = gate->outcome();
    m_gateOutcomes << outcome;
    RunEvent finished = event(RunEvent::Kind::GateFinished, {},
                              outcome.state == GateOutcome::State::Passed   ? QStringLiteral("passed")
                              : outcome.state == GateOutcome::State::Failed ? QStringLiteral("failed")
                                                                            : QStringLiteral("needs-operator"),
                              outcome.summary, QJsonObject{{QStringLiteral("gate"), id}});
    finished.step = id;
    publish(finished);
    emit gateFinished(id, outcome);
    exec->deleteLater();
    if (outcome.state == GateOutcome::State::Failed && m_state == RunState::Observing) {
        // A gate reached its failure limit: the failure policy acts now, not when the observation would
        // have ended. What is left of the observation and the other gates' measurements is cancelled.
        m_observeTimer.stop();
        m_observed = true;
        cancelGates();
    }
    betweenWavesDone();
}

void RunExecutor::cancelGates()
{
    // Cancelled gates report nothing: a cancelled measurement is neither a pass nor a failure.
    for (StepExecution *g : std::exchange(m_gateRuns, {})) {
        disconnect(g, nullptr, this, nullptr);
        g->cancel();
        g->deleteLater();
    }
}

void RunExecutor::betweenWavesDone()
{
    if (m_state != RunState::Observing || !m_observed || !m_gateRuns.isEmpty())
        return;
    QStringList failed, inconclusive;
    for (const GateOutcome &o : std::as_const(m_gateOutcomes)) {
        if (o.state == GateOutcome::State::Failed)
            failed << o.summary;
        else if (o.state == GateOutcome::State::NeedsOperator)
            inconclusive << o.summary;
    }
    if (!failed.isEmpty()) {
        const QString why = QStringLiteral("gates failed after wave %1: %2").arg(QString::number(m_wave + 1), failed.join(QStringLiteral("; ")));
        m_waveStopped = true;
        if (m_plan.runbook.strategy.onFailure == OnFailure::Rollback) {
            QList<int> lanes;
            for (int i = 0; i < int(m_lanes.size()); ++i)
                if (m_lanes[i]->wave <= m_wave && m_lanes[i]->state == InstanceState::Succeeded)
                    lanes << i;
            scheduleGateRollback(why, lanes);
        } else {
            setState(RunState::Paused, why);
        }
        return;
    }
    if (!inconclusive.isEmpty()) {
        const QString why = QStringLiteral("gates inconclusive after wave %1: %2").arg(QString::number(m_wave + 1), inconclusive.join(QStringLiteral("; ")));
        setState(RunState::AwaitingApproval, why);
        askApproval(why);
        return;
    }
    if (m_wave + 1 >= m_plan.waves.size()) {
        afterLastWave();   // the last wave's gates passed
        return;
    }
    if (m_plan.runbook.strategy.autoPromote) {
        RunEvent promoted = event(RunEvent::Kind::WavePromoted, {}, QStringLiteral("automatic"), {},
                                  QJsonObject{{QStringLiteral("wave"), m_wave + 2}});
        promoted.wave = m_wave + 2;
        publish(promoted);
        setState(RunState::Running, QStringLiteral("wave %1 promoted automatically").arg(m_wave + 2));
        startWave(m_wave + 1);
        return;
    }
    const QString why = QStringLiteral("wave %1 done; wave %2 (%3) waits for approval (%4)")
                            .arg(QString::number(m_wave + 1), QString::number(m_wave + 2), m_plan.waves[m_wave + 1].name,
                                 WaveApproval(m_plan, m_runId, m_services, m_wave + 1).describeRule());
    setState(RunState::AwaitingApproval, why);
    askApproval(why);
}

void RunExecutor::askApproval(const QString &why)
{
    RunEvent asked = event(RunEvent::Kind::ApprovalNeeded, {}, {}, why);
    asked.wave = m_wave + 2;
    publish(asked);
    emit approvalNeeded(m_wave + 1, why);
}

void RunExecutor::scheduleGateRollback(const QString &why, const QList<int> &lanes)
{
    m_rollbackWhy = why;
    m_rollbackLanes = lanes;
    if (m_rollbackCountdown.count() <= 0) {
        rollBackAfterGates();
        return;
    }
    QStringList instances;
    for (int i : lanes)
        instances << m_lanes[i]->instance.name;
    const qint64 seconds = std::max<qint64>(1, (m_rollbackCountdown.count() + 999) / 1000);
    m_rollbackDeadline = Clock::instance().now().addMSecs(m_rollbackCountdown.count());
    record(RunEvent::Kind::RollbackScheduled, {}, QStringLiteral("countdown"), why,
           QJsonObject{{QStringLiteral("seconds"), seconds},
                      {QStringLiteral("instances"), instances.join(QLatin1Char(','))}});
    // RollingBack already: a pause (or a crash) during the countdown never continues the upgrade silently.
    setState(RunState::RollingBack, QStringLiteral("automatic rollback in %1 s unless cancelled: %2").arg(QString::number(seconds), why));
    m_rollbackTimer.start(m_rollbackCountdown);
    emit rollbackScheduled(m_rollbackDeadline, why, instances);
}

bool RunExecutor::stopRollbackCountdown()
{
    const bool counting = m_rollbackDeadline.isValid();
    m_rollbackTimer.stop();
    m_rollbackDeadline = {};
    return counting;
}

void RunExecutor::rollBackAfterGates()
{
    const bool counted = stopRollbackCountdown();
    setState(RunState::RollingBack, QStringLiteral("rolling back: ") + m_rollbackWhy);
    for (int i : std::exchange(m_rollbackLanes, {})) {
        const Lane &lane = *m_lanes[i];
        // Still what the gates judged: not rolled back by the operator meanwhile.
        if (lane.phase == RunPhase::Upgrade && !lane.exec
            && (lane.state == InstanceState::Succeeded || lane.state == InstanceState::Failed))
            startRollback(i, false, QStringLiteral("automatic rollback: ") + m_rollbackWhy);
    }
    if (counted)
        emit rollbackCountdownEnded(true);
    evaluateWave();
}

Status RunExecutor::cancelRollback(const QString &operatorName, const QString &reason)
{
    if (!stopRollbackCountdown())
        return refused(QStringLiteral("cancel the rollback"), QStringLiteral("no automatic rollback is counting down"));
    record(RunEvent::Kind::RollbackCancelled, {}, QStringLiteral("cancelled"), reason,
           QJsonObject{{QStringLiteral("gates"), m_rollbackWhy}}, operatorName);
    setState(RunState::Paused,
             QStringLiteral("automatic rollback cancelled by %1 (%2); %3. Roll back, or resume to observe again")
                 .arg(operatorName, reason.isEmpty() ? QStringLiteral("no reason given") : reason, m_rollbackWhy),
             operatorName);
    emit rollbackCountdownEnded(false);
    return okStatus();
}

Status RunExecutor::rollbackNow(const QString &operatorName)
{
    if (!m_rollbackDeadline.isValid())
        return refused(QStringLiteral("roll back now"), QStringLiteral("no automatic rollback is counting down"));
    record(RunEvent::Kind::RollbackConfirmed, {}, QStringLiteral("now"), m_rollbackWhy, {}, operatorName);
    rollBackAfterGates();
    return okStatus();
}

// --- The post-rollout watch ------------------------------------------------------------------------------

void RunExecutor::afterLastWave()
{
    if (!runAfterSteps())   // the run-level after: steps first, if any; they end in watchOrFinish()
        watchOrFinish();
}

void RunExecutor::watchOrFinish()
{
    const bool anySucceeded = std::any_of(m_lanes.cbegin(), m_lanes.cend(), [](const auto &lane) {
        return lane->state == InstanceState::Succeeded;
    });
    if (m_plan.runbook.watch.enabled() && anySucceeded)
        startWatch();
    else
        finish();
}

QDateTime RunExecutor::watchEnds() const
{
    if (!m_watchStarted.isValid() || isTerminal(m_state))
        return {};
    return m_watchStarted.addMSecs(m_plan.runbook.watch.duration.count());
}

QList<GateSpec> RunExecutor::watchGates() const
{
    const QStringList &named = m_plan.runbook.watch.gates;
    QList<GateSpec> out;
    for (const GateSpec &gate : m_plan.runbook.gates)
        if (named.isEmpty() || named.contains(gate.id))
            out << gate;
    return out;
}

void RunExecutor::startWatch()
{
    flushWrites();
    m_watchStarted = Clock::instance().now();
    if (Status stored = m_services.runs->startWatch(m_runId, m_watchStarted); !stored) {
        // Without its start stored a restart could not tell how much of the watch is left.
        m_watchStarted = {};
        setState(RunState::Paused, QStringLiteral("the watch could not start: %1").arg(stored.error().message));
        return;
    }
    QStringList ids;
    for (const GateSpec &gate : watchGates())
        ids << gate.id;
    const QString span = Duration::format(m_plan.runbook.watch.duration);
    record(RunEvent::Kind::WatchStarted, {}, QStringLiteral("watching"), {},
           QJsonObject{{QStringLiteral("for"), span},
                      {QStringLiteral("ends"), watchEnds().toUTC().toString(Qt::ISODate)},
                      {QStringLiteral("gates"), ids.join(QLatin1Char(','))}});
    setState(RunState::Watching, QStringLiteral("watching for %1 (until %2 UTC): gates %3")
                                     .arg(span, watchEnds().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                          ids.join(QStringLiteral(", "))));
    if (m_journal->held())
        return;   // paused for a failed write: a resume watches on
    continueWatch();
}

void RunExecutor::continueWatch()
{
    // A full round of every gate counts from here: a watch that resumes past its end still measures once.
    m_watchJudged.clear();
    const qint64 left = std::max<qint64>(0, Clock::instance().now().msecsTo(watchEnds()));
    m_watchTimer.start(std::chrono::milliseconds(left));
    if (m_services.gates)
        for (const GateSpec &gate : watchGates())
            startWatchRound(gate);
}

void RunExecutor::startWatchRound(const GateSpec &gate)
{
    // The whole fleet the run upgraded is judged; nothing is left to compare against.
    QList<Instance> judged;
    for (const auto &lane : m_lanes)
        if (lane->phase == RunPhase::Upgrade && lane->state == InstanceState::Succeeded)
            judged << lane->instance;
    auto *exec = new GateStepExecution(m_services.gates->start(gate, judged, {}, m_upgradeStarts.earliest(judged), this), this);
    m_gateRuns << exec;
    connect(exec, &StepExecution::gateMeasured, this,
            [this, place = GateReadingLog::place(GateMeasurementRecord::kWatchPhase, 0, m_plan.runbook.gates, gate.id,
                                                 judged)](const GateMeasurement &m) { onGateMeasured(place, m); });
    connect(exec, &StepExecution::finished, this,
            [this, exec, id = gate.id](const StepExecutionResult &) { onWatchGateFinished(id, exec); });
    // Inconclusive: the round's measuring is over and a person decides (the run pauses); unheard, the
    // round never ended and the watch never could.
    connect(exec, &GateStepExecution::needsOperator, this,
            [this, exec, id = gate.id](const QString &) { onWatchGateFinished(id, exec); });
}

void RunExecutor::onWatchGateFinished(const QString &id, StepExecution *exec)
{
    m_gateRuns.removeOne(exec);
    exec->deleteLater();
    const GateOutcome outcome = static_cast<GateStepExecution *>(exec)->outcome();
    if (m_state != RunState::Watching)
        return;
    RunEvent finished = event(RunEvent::Kind::GateFinished, {},
                              outcome.state == GateOutcome::State::Passed   ? QStringLiteral("passed")
                              : outcome.state == GateOutcome::State::Failed ? QStringLiteral("failed")
                                                                            : QStringLiteral("needs-operator"),
                              outcome.summary, QJsonObject{{QStringLiteral("gate"), id}, {QStringLiteral("phase"), QStringLiteral("watch")}});
    finished.step = id;
    publish(finished);
    emit gateFinished(id, outcome);
    if (outcome.state == GateOutcome::State::Passed) {
        m_watchJudged.insert(id);
        checkWatchOver();
        if (m_state == RunState::Watching)
            for (const GateSpec &gate : watchGates())
                if (gate.id == id)
                    startWatchRound(gate);   // the gates keep measuring until the watch ends
        return;
    }
    m_watchTimer.stop();
    cancelGates();
    if (outcome.state == GateOutcome::State::NeedsOperator) {
        setState(RunState::Paused, QStringLiteral("the watch needs a person: %1. Resume to watch on, roll back all, or "
                                                  "end the watch early").arg(outcome.summary));
        return;
    }
    const QString why = QStringLiteral("gates failed during the watch: %1").arg(outcome.summary);
    if (m_plan.runbook.watch.onFailure.value_or(m_plan.runbook.strategy.onFailure) == OnFailure::Rollback) {
        m_waveStopped = true;
        QList<int> lanes;
        for (int i = 0; i < int(m_lanes.size()); ++i)
            if (m_lanes[i]->phase == RunPhase::Upgrade && m_lanes[i]->state == InstanceState::Succeeded)
                lanes << i;
        scheduleGateRollback(why, lanes);
    } else {
        setState(RunState::Paused, why + QStringLiteral(". Roll back all, resume to watch on, or end the watch early"));
    }
}

void RunExecutor::checkWatchOver()
{
    if (m_state != RunState::Watching)
        return;
    const qint64 left = Clock::instance().now().msecsTo(watchEnds());
    if (left > 0) {
        m_watchTimer.start(std::chrono::milliseconds(left));
        return;
    }
    // Clean means measured: every gate finished a full round since the watch (re)started, none failed.
    if (m_services.gates)
        for (const GateSpec &gate : watchGates())
            if (!m_watchJudged.contains(gate.id))
                return;   // its round ends this
    m_watchTimer.stop();
    cancelGates();
    record(RunEvent::Kind::WatchFinished, {}, QStringLiteral("passed"),
          QStringLiteral("the watch of %1 passed clean").arg(Duration::format(m_plan.runbook.watch.duration)));
    finish();
}

bool RunExecutor::watchResumable() const
{
    if (m_state != RunState::Paused && m_state != RunState::Interrupted)
        return false;
    return std::none_of(m_lanes.cbegin(), m_lanes.cend(), [](const auto &lane) {
        return lane->exec || lane->starting || lane->state == InstanceState::Running
               || lane->state == InstanceState::RollingBack || lane->state == InstanceState::WaitingForOperator
               || lane->state == InstanceState::Interrupted;
    });
}

Status RunExecutor::endWatch(const QString &operatorName, const QString &reason)
{
    if (Status written = catchUpFirst(QStringLiteral("end the watch early")); !written)
        return written;
    if (reason.trimmed().isEmpty())
        return refused(QStringLiteral("end the watch early"), QStringLiteral("ending a watch early needs a reason"));
    if (m_state != RunState::Watching && !(m_watchStarted.isValid() && watchResumable()))
        return refused(QStringLiteral("end the watch early"),
                       QStringLiteral("the run is %1, not watching").arg(runStateName(m_state)));
    const qint64 left = std::max<qint64>(0, Clock::instance().now().secsTo(watchEnds()));
    record(RunEvent::Kind::WatchEndedEarly, {}, QStringLiteral("ended"), reason,
           QJsonObject{{QStringLiteral("seconds_left"), left},
                      {QStringLiteral("ends"), watchEnds().toUTC().toString(Qt::ISODate)}},
          operatorName);
    m_watchTimer.stop();
    cancelGates();
    finish();
    return okStatus();
}

void RunExecutor::finish()
{
    if (undoRunLevel())
        return;   // the undo of the run-level steps ends it
    flushWrites();
    int succeeded = 0, failed = 0, rolledBack = 0, pending = 0, untouched = 0, unrestored = 0;
    for (const auto &lane : m_lanes) {
        switch (lane->state) {
        case InstanceState::Succeeded: ++succeeded; break;
        case InstanceState::NeedsRestore: ++unrestored; break;
        case InstanceState::RolledBack: ++rolledBack; break;
        case InstanceState::Pending: ++pending; break;
        default:
            ++failed;
            if (!Planner::changedSystem(m_plan.runbook, lane->ran))
                ++untouched;
            break;
        }
    }
    RunState final = RunState::Succeeded;
    if (failed > 0 || unrestored > 0)
        final = RunState::Failed;   // an instance left needing restore is not rolled back
    else if (rolledBack > 0)
        final = RunState::RolledBack;
    const QString failedText = untouched > 0 ? QStringLiteral("%1 failed (%2 untouched)").arg(failed).arg(untouched)
                                             : QStringLiteral("%1 failed").arg(failed);
    QString note = QStringLiteral("%1 succeeded, %2, %3 rolled back, %4 not started")
                       .arg(QString::number(succeeded), failedText, QString::number(rolledBack), QString::number(pending));
    note += unrestoredNote();
    if (m_runSteps->undoFailed()) {
        final = RunState::Failed;
        note += QStringLiteral("; the run-level undo failed: ") + m_runSteps->note();
    }
    setState(final, note);
    if (m_state != final || !m_journal->release())
        return;   // paused for the failed write; a resume ends the run
    emit runFinished(final);
}

} // namespace lockstep
