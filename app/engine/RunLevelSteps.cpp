#include "app/engine/RunLevelSteps.h"

#include "app/engine/ManualStepExecution.h"
#include "app/engine/Policy.h"
#include "app/engine/StepExecution.h"
#include "app/engine/StepLauncher.h"
#include "app/steps/StepKinds.h"
#include "models/Clock.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"

namespace lockstep {

namespace {

constexpr int kTailLines = 20;
constexpr int kMaxLineLength = 500;
const QString kEngine = QStringLiteral("lockstep");

QStringList idsOf(const QList<StepSpec> &steps)
{
    QStringList out;
    for (const StepSpec &s : steps)
        out << s.id;
    return out;
}

Error refusedRunStep(const QString &what, const QString &why, const QString &hint = {})
{
    return Error{QStringLiteral("cannot %1: %2").arg(what, why), QStringLiteral("run"), hint};
}

} // namespace

RunLevelSteps::RunLevelSteps(const Plan &plan, qint64 runId, const EngineServices &services, const Redactor &redactor,
                             Audit audit, std::function<bool(Part)> mayRun, QObject *parent)
    : QObject(parent), m_plan(plan), m_runId(runId), m_services(services), m_redactor(redactor),
      m_audit(std::move(audit)), m_mayRun(std::move(mayRun))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_exec) {
            m_timedOut = true;   // past its timeout: cancelled, recorded as timed out
            m_exec->cancel();
        } else {
            advance();           // back-off over: the retry starts
        }
    });
}

QStringList RunLevelSteps::sequenceOf(Part part) const
{
    switch (part) {
    case Part::Before: return idsOf(m_plan.runbook.before);
    case Part::After: return idsOf(m_plan.runbook.after);
    case Part::Undo: {
        // What ran, newest first: the undo of each run-level step that started (after: before before:).
        QStringList out;
        for (auto it = m_ran.crbegin(); it != m_ran.crend(); ++it)
            if (const StepSpec *s = m_plan.runbook.findStep(*it); s && !s->undo.isEmpty() && !out.contains(s->undo))
                out << s->undo;
        return out;
    }
    case Part::None: break;
    }
    return {};
}

RunPhase RunLevelSteps::phaseOf(Part part) const
{
    return part == Part::Before ? RunPhase::Before : part == Part::After ? RunPhase::After : RunPhase::Rollback;
}

bool RunLevelSteps::holdsRun() const
{
    if (m_part == Part::None || m_done.contains(m_part))
        return false;
    if (m_part == Part::Undo && m_state == InstanceState::RollbackFailed)
        return false;   // like an instance's failed rollback: the run ends failed, saying so
    return m_state != InstanceState::Cancelled && m_state != InstanceState::Pending;
}

bool RunLevelSteps::needsUndo() const
{
    return !m_done.contains(Part::Undo) && !(m_part == Part::Undo && m_state == InstanceState::RollbackFailed)
           && !sequenceOf(Part::Undo).isEmpty();
}

InstanceProgress RunLevelSteps::progress() const
{
    InstanceProgress p;
    p.wave = -1;
    p.state = m_state;
    p.phase = m_part == Part::None ? RunPhase::Before : phaseOf(m_part);
    p.stepIndex = m_next;
    p.stepCount = int(m_sequence.size());
    p.step = m_next < m_sequence.size() ? m_sequence[m_next] : m_sequence.value(m_sequence.size() - 1);
    p.attempt = m_attempt;
    p.note = m_note;
    return p;
}

void RunLevelSteps::enter(Part part)
{
    if (m_part == part)
        return;
    m_part = part;
    m_sequence = sequenceOf(part);
    m_next = 0;
    m_attempt = 0;
    m_note.clear();
    m_state = part == Part::Undo ? InstanceState::RollingBack : InstanceState::Running;
}

void RunLevelSteps::run(Part part)
{
    enter(part);
    if (m_done.contains(part)) {
        emit partFinished(part, true, m_note);
        return;
    }
    if (m_state == InstanceState::Failed || m_state == InstanceState::RollbackFailed
        || m_state == InstanceState::Interrupted)
        return;   // the operator resolves it first
    m_cancelled = false;
    if (m_state != InstanceState::WaitingForOperator)
        m_state = part == Part::Undo ? InstanceState::RollingBack : InstanceState::Running;
    emitChanged();
    advance();
}

void RunLevelSteps::advance()
{
    if (m_exec || m_timer.isActive() || m_part == Part::None || !m_mayRun(m_part))
        return;
    if (m_next >= m_sequence.size()) {
        m_done.insert(m_part);
        m_state = m_part == Part::Undo ? InstanceState::RolledBack : InstanceState::Succeeded;
        emitChanged();
        emit partFinished(m_part, true, m_note);
        return;
    }
    startStep();
}

void RunLevelSteps::startStep()
{
    const StepSpec *step = m_plan.runbook.findStep(m_sequence[m_next]);
    if (!step) {
        failStep(QStringLiteral("the runbook has no step \"%1\"").arg(m_sequence[m_next]));
        return;
    }
    // A disruptive run-level step (maintenance_window: required, or disruptive: true) waits for the window
    // like an instance's: it does not start outside it without an override.
    if (m_part != Part::Undo && Policy::isDisruptive(m_plan.runbook, *step)
        && !m_plan.findOverride(PolicyOverride::Kind::MaintenanceWindow, QString())) {
        if (auto r = Policy::checkWindow(m_plan.window, Clock::instance().now())) {
            failStep(QStringLiteral("run-level step %1 is disruptive: %2").arg(step->id, r->reason));
            return;
        }
    }
    ++m_attempt;
    m_timedOut = false;
    m_tail.clear();
    m_current = StepResult{};
    m_current.runId = m_runId;
    m_current.phase = phaseOf(m_part);
    m_current.wave = -1;
    m_current.step = step->id;
    m_current.attempt = m_attempt;
    m_current.startedAt = Clock::instance().now();
    // Written ahead, as an instance's step: no intent, no start.
    auto id = m_services.runs->recordIntent(m_current, 0);
    if (!id) {
        --m_attempt;
        failStep(QStringLiteral("cannot record run-level step %1: %2").arg(step->id, id.error().message));
        return;
    }
    m_current.id = *id;
    if (m_part != Part::Undo && !m_ran.contains(step->id))
        m_ran << step->id;
    StepContext ctx;
    ctx.runbook = &m_plan.runbook;
    ctx.runId = m_runId;
    ctx.phase = m_current.phase;
    ctx.wave = -1;
    ctx.attempt = m_attempt;
    ctx.targetVersion = m_plan.targetVersion.toString();
    ctx.change = m_plan.changeClass;
    ctx.params = m_plan.params;
    // As an instance's step: its command runs only once its process group is stored with the intent.
    ctx.processStarted = [this, intent = m_current](const ProcessGroup &group) {
        return m_services.runs->recordProcess(intent, group.id(), group.identity());
    };
    m_exec = m_services.launcher->launch(*step, ctx, this);
    connect(m_exec, &StepExecution::outputLine, this, [this](const QString &raw) {
        const QString line = m_redactor.redact(raw);
        m_tail.append(line.left(kMaxLineLength));
        if (m_tail.size() > kTailLines)
            m_tail.removeFirst();
        emit stepOutput(QString(), m_current.step, line);
    });
    connect(m_exec, &StepExecution::finished, this, &RunLevelSteps::onFinished);
    const StepKindHandler &kind = StepKinds::of(step->kind);
    if (kind.hasTimeout && step->timeout.count() > 0)
        m_timer.start(step->timeout);
    m_state = kind.waitsForOperator ? InstanceState::WaitingForOperator
              : m_part == Part::Undo ? InstanceState::RollingBack
                                     : InstanceState::Running;
    emit stepStarted(m_current);
    emitChanged();
    if (auto *manual = qobject_cast<ManualStepExecution *>(m_exec))
        emit manualStepWaiting(QString(), step->id, manual->prompt());
}

void RunLevelSteps::onFinished(const StepExecutionResult &end)
{
    m_exec->deleteLater();
    m_exec = nullptr;
    m_timer.stop();
    StepResult &r = m_current;
    r.finishedAt = Clock::instance().now();
    r.outcome = m_timedOut ? StepOutcome::TimedOut : end.outcome;
    r.exitCode = end.code;
    r.outputTail = m_tail.join(QLatin1Char('\n'));
    r.durationMs = r.startedAt.msecsTo(r.finishedAt);
    r.note = m_timedOut ? QStringLiteral("timed out") : m_redactor.redact(end.message);
    if (Status stored = m_services.runs->recordResult(r); !stored) {
        // Never go on unrecorded: the operator decides once the store takes writes again.
        failStep(QStringLiteral("cannot record the result of run-level step %1: %2").arg(r.step, stored.error().message));
        return;
    }
    m_audit(RunEvent::Kind::StepFinished, stepOutcomeName(*r.outcome), r.note,
            QJsonObject{{QStringLiteral("step"), r.step},
                        {QStringLiteral("phase"), runPhaseName(r.phase)},
                        {QStringLiteral("attempt"), r.attempt},
                        {QStringLiteral("code"), r.exitCode},
                        {QStringLiteral("duration_ms"), r.durationMs}},
            {});
    emit stepFinished(r);
    if (m_cancelled) {
        m_state = InstanceState::Cancelled;
        m_note = QStringLiteral("cancelled");
        emitChanged();
        emit partFinished(m_part, false, m_note);
        return;
    }
    const StepSpec *spec = m_plan.runbook.findStep(r.step);
    if (*r.outcome == StepOutcome::Succeeded) {
        ++m_next;
        m_attempt = 0;
        m_note.clear();
        emitChanged();
        advance();
        return;
    }
    if (spec && (*r.outcome == StepOutcome::Failed || *r.outcome == StepOutcome::TimedOut)
        && m_attempt <= spec->retries.count) {
        m_note = QStringLiteral("attempt %1 %2; retrying").arg(QString::number(m_attempt), stepOutcomeName(*r.outcome));
        emitChanged();
        m_timer.start(spec->retries.backoff);
        return;
    }
    if (spec && spec->onFailure == OnFailure::Continue && m_part != Part::Undo) {
        ++m_next;
        m_attempt = 0;
        emitChanged();
        advance();
        return;
    }
    failStep(QStringLiteral("run-level step %1 %2: %3").arg(r.step, stepOutcomeName(*r.outcome), r.note));
}

void RunLevelSteps::failStep(const QString &why)
{
    m_state = m_part == Part::Undo ? InstanceState::RollbackFailed : InstanceState::Failed;
    m_note = m_redactor.redact(why);
    if (m_part == Part::Undo)
        m_audit(RunEvent::Kind::RollbackFailed, QStringLiteral("failed"), m_note, {}, {});
    emitChanged();
    emit partFinished(m_part, false, m_note);
}

void RunLevelSteps::cancel()
{
    m_timer.stop();
    if (m_exec) {
        m_cancelled = true;
        m_exec->cancel();
        return;
    }
    if (holdsRun()) {
        m_state = InstanceState::Cancelled;
        m_note = QStringLiteral("cancelled");
        emitChanged();
    }
}

bool RunLevelSteps::replay(const QList<StepResult> &attempts)
{
    for (const StepResult &r : attempts) {
        if (!r.instance.isEmpty() || r.phase == RunPhase::Checklist || r.phase == RunPhase::Upgrade)
            continue;
        const Part part = r.phase == RunPhase::Before ? Part::Before : r.phase == RunPhase::After ? Part::After : Part::Undo;
        if (m_part != part) {
            if (m_part != Part::None && part != Part::Undo)
                m_done.insert(m_part);   // a later part started: the earlier one had ended
            enter(part);
        }
        const int index = int(m_sequence.indexOf(r.step, m_next));
        if (index < 0)
            continue;
        if (index != m_next)
            m_attempt = 0;
        m_next = index;
        m_attempt = std::max(m_attempt, r.attempt);
        if (part != Part::Undo && !m_ran.contains(r.step))
            m_ran << r.step;
        const StepOutcome outcome = r.outcome.value_or(StepOutcome::Interrupted);
        const StepSpec *spec = m_plan.runbook.findStep(r.step);
        m_note = r.note;
        if (letsInstanceContinue(outcome)
            || (outcome == StepOutcome::Failed && spec && spec->onFailure == OnFailure::Continue && part != Part::Undo)) {
            ++m_next;
            m_attempt = 0;
            m_state = part == Part::Undo ? InstanceState::RollingBack : InstanceState::Running;
            if (m_next >= m_sequence.size()) {
                m_done.insert(part);
                m_state = part == Part::Undo ? InstanceState::RolledBack : InstanceState::Succeeded;
            }
        } else if (outcome == StepOutcome::Interrupted) {
            m_state = InstanceState::Interrupted;
        } else {
            m_state = part == Part::Undo ? InstanceState::RollbackFailed : InstanceState::Failed;
        }
    }
    if (m_state != InstanceState::Interrupted)
        return false;
    // Never re-run silently: only a step that asks, waits or measures, or an idempotent one, goes on by itself.
    const StepSpec *spec = m_plan.runbook.findStep(currentStep());
    if (spec && (StepKinds::of(spec->kind).askAgainOnResume || spec->idempotent)) {
        m_state = m_part == Part::Undo ? InstanceState::RollingBack : InstanceState::Running;
        m_note = spec->idempotent ? QStringLiteral("interrupted; idempotent, runs again on resume")
                                  : QStringLiteral("interrupted while %1 waited; asked again on resume").arg(spec->id);
        m_audit(RunEvent::Kind::StepRecovered, spec->idempotent ? QStringLiteral("rerun") : QStringLiteral("ask-again"),
                QStringLiteral("run-level step %1").arg(spec->id), {}, {});
        return false;
    }
    return true;
}

Status RunLevelSteps::resolvable(const QString &what, const QString &reason) const
{
    if (m_state != InstanceState::Failed && m_state != InstanceState::Interrupted
        && m_state != InstanceState::RollbackFailed)
        return refusedRunStep(what, QStringLiteral("no run-level step failed or was interrupted"));
    if (reason.trimmed().isEmpty() && !what.startsWith(QLatin1String("retry")))
        return refusedRunStep(what, QStringLiteral("it needs a reason"));
    return okStatus();
}

Status RunLevelSteps::retry(const QString &operatorName, const QString &reason)
{
    if (Status s = resolvable(QStringLiteral("retry the run-level step"), reason); !s)
        return s;
    m_audit(RunEvent::Kind::StepRetried, QStringLiteral("retry"), reason, QJsonObject{{QStringLiteral("step"), currentStep()}},
            operatorName);
    m_state = m_part == Part::Undo ? InstanceState::RollingBack : InstanceState::Running;
    m_note.clear();
    emitChanged();
    advance();
    return okStatus();
}

Status RunLevelSteps::skip(const QString &operatorName, const QString &reason)
{
    if (Status s = resolvable(QStringLiteral("skip the run-level step"), reason); !s)
        return s;
    resolve(StepOutcome::Skipped, operatorName, reason);
    return okStatus();
}

Status RunLevelSteps::markDone(const QString &operatorName, const QString &reason)
{
    if (Status s = resolvable(QStringLiteral("mark the run-level step done"), reason); !s)
        return s;
    resolve(StepOutcome::MarkedDone, operatorName, reason);
    return okStatus();
}

void RunLevelSteps::resolve(StepOutcome outcome, const QString &operatorName, const QString &reason)
{
    StepResult r;
    r.runId = m_runId;
    r.phase = phaseOf(m_part);
    r.wave = -1;
    r.step = currentStep();
    r.attempt = m_attempt + 1;
    r.startedAt = Clock::instance().now();
    r.finishedAt = r.startedAt;
    r.outcome = outcome;
    r.note = m_redactor.redact(QStringLiteral("%1 by %2: %3").arg(stepOutcomeName(outcome), operatorName, reason));
    auto id = m_services.runs->recordIntent(r, 0);
    if (id) {
        r.id = *id;
        if (Status stored = m_services.runs->recordResult(r); !stored)
            m_note = stored.error().message;
    }
    m_audit(outcome == StepOutcome::Skipped ? RunEvent::Kind::StepSkipped : RunEvent::Kind::StepMarkedDone, stepOutcomeName(outcome), reason,
            QJsonObject{{QStringLiteral("step"), r.step}}, operatorName);
    emit stepFinished(r);
    ++m_next;
    m_attempt = 0;
    m_state = m_part == Part::Undo ? InstanceState::RollingBack : InstanceState::Running;
    m_note = r.note;
    emitChanged();
    advance();
}

Status RunLevelSteps::confirm(const QString &operatorName, const QString &comment)
{
    auto *manual = qobject_cast<ManualStepExecution *>(m_exec);
    if (!manual)
        return refusedRunStep(QStringLiteral("confirm a run-level step"), QStringLiteral("no manual step is waiting"));
    if (operatorName.trimmed().isEmpty())
        return refusedRunStep(QStringLiteral("confirm a run-level step"), QStringLiteral("a confirmation needs the operator's name"));
    SignOff s;
    s.runId = m_runId;
    s.item = QStringLiteral("step:%1:run:%2").arg(m_current.step, QString::number(m_attempt));
    s.operatorName = operatorName;
    s.signedAt = Clock::instance().now();
    s.comment = comment;
    if (auto stored = m_services.signOffs->add(s); !stored)
        return stored.error();
    m_audit(RunEvent::Kind::StepConfirmed, QStringLiteral("confirmed"), comment,
            QJsonObject{{QStringLiteral("step"), m_current.step}}, operatorName);
    manual->confirm(operatorName, comment);
    return okStatus();
}

Status RunLevelSteps::decline(const QString &operatorName, const QString &comment)
{
    auto *manual = qobject_cast<ManualStepExecution *>(m_exec);
    if (!manual)
        return refusedRunStep(QStringLiteral("decline a run-level step"), QStringLiteral("no manual step is waiting"));
    m_audit(RunEvent::Kind::StepDeclined, QStringLiteral("declined"), comment,
            QJsonObject{{QStringLiteral("step"), m_current.step}}, operatorName);
    manual->decline(operatorName, comment);
    return okStatus();
}

} // namespace lockstep
