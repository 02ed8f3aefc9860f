#include "app/engine/Checklist.h"

#include "app/engine/AuditSink.h"
#include "app/engine/StepLauncher.h"
#include "models/Clock.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"

#include <QJsonObject>
#include <QTimer>

namespace lockstep {

namespace {
constexpr int kTailLines = 20;
}

Checklist::Checklist(const Plan &plan, qint64 runId, const EngineServices &services,
                     const QHash<QString, qint64> &leaseGenerations, QObject *parent)
    : QObject(parent), m_plan(plan), m_runId(runId), m_services(services), m_leaseGenerations(leaseGenerations)
{
    for (const ChecklistItem &c : plan.runbook.checklist) {
        ChecklistItemStatus s;
        s.id = c.id;
        s.title = c.title;
        s.required = c.required;
        s.check = c.check ? ChecklistItemStatus::Check::NotRun : ChecklistItemStatus::Check::None;
        s.signoffsRequired = c.signoffsRequired;
        m_items.append(s);
    }
}

Status Checklist::load()
{
    auto signOffs = m_services.signOffs->forRun(m_runId);
    if (!signOffs)
        return signOffs.error();
    // Loading again (a sign-off came from another console) replaces, never duplicates, what was read.
    for (ChecklistItemStatus &item : m_items)
        item.signOffs.clear();
    for (const SignOff &s : *signOffs)
        for (ChecklistItemStatus &item : m_items)
            if (item.id == s.item)
                item.signOffs.append(s);
    auto attempts = m_services.runs->attempts(m_runId);
    if (!attempts)
        return attempts.error();
    for (const StepResult &r : *attempts)
        if (r.phase == RunPhase::Checklist)
            m_results[r.step][r.instance] = r;
    for (int i = 0; i < m_items.size(); ++i)
        recompute(i);
    return okStatus();
}

QStringList Checklist::unsatisfied() const
{
    QStringList out;
    for (const ChecklistItemStatus &item : m_items)
        if (item.required && !item.satisfied())
            out << QStringLiteral("%1: %2").arg(item.id, item.missing());
    return out;
}

void Checklist::runChecks()
{
    for (int i = 0; i < m_plan.runbook.checklist.size(); ++i) {
        if (!m_plan.runbook.checklist[i].check)
            continue;
        m_results.remove(m_items[i].id);
        m_items[i].check = ChecklistItemStatus::Check::Running;
        m_items[i].evidence.clear();
        for (const Wave &w : m_plan.waves)
            for (const Instance &inst : w.instances)
                m_queue.append({int(i), inst});
        emit itemChanged(m_items[i]);
    }
    if (m_queue.isEmpty() && m_running == 0) {
        QTimer::singleShot(0, this, [this] { emit checksFinished(unsatisfied().isEmpty()); });
        return;
    }
    const int parallel = std::max(1, m_plan.runbook.strategy.maxParallel);
    while (m_running < parallel && !m_queue.isEmpty())
        startNext();
}

void Checklist::startNext()
{
    const Job job = m_queue.takeFirst();
    const ChecklistItem &item = m_plan.runbook.checklist[job.item];
    StepResult intent;
    intent.runId = m_runId;
    intent.phase = RunPhase::Checklist;
    intent.wave = -1;
    intent.instance = job.instance.name;
    intent.step = item.id;
    intent.attempt = 1;
    intent.startedAt = Clock::instance().now();
    auto id = m_services.runs->recordIntent(intent, m_leaseGenerations.value(job.instance.name));
    ++m_running;
    if (!id) {
        intent.outcome = StepOutcome::Failed;
        intent.note = id.error().toString();
        onFinished(job, intent, {StepOutcome::Failed, -1, intent.note}, {});
        return;
    }
    intent.id = *id;
    StepContext ctx;
    ctx.runbook = &m_plan.runbook;
    ctx.runId = m_runId;
    ctx.phase = RunPhase::Checklist;
    ctx.wave = -1;
    ctx.instance = job.instance;
    ctx.targetVersion = m_plan.targetVersion.toString();
    ctx.previousVersion = job.instance.currentVersion;
    ctx.change = m_plan.changeClass;
    ctx.params = m_plan.params;
    StepExecution *exec = m_services.launcher->launch(*item.check, ctx, this);
    auto tail = std::make_shared<QStringList>();
    connect(exec, &StepExecution::outputLine, this, [tail](const QString &line) {
        tail->append(line.left(500));
        if (tail->size() > kTailLines)
            tail->removeFirst();
    });
    connect(exec, &StepExecution::finished, this, [this, job, intent, tail, exec](const StepExecutionResult &end) {
        exec->deleteLater();
        onFinished(job, intent, end, *tail);
    });
}

void Checklist::onFinished(const Job &job, StepResult result, const StepExecutionResult &end, const QStringList &tail)
{
    --m_running;
    result.finishedAt = Clock::instance().now();
    result.outcome = end.outcome;
    result.exitCode = end.code;
    result.outputTail = tail.join(QLatin1Char('\n'));
    result.durationMs = result.startedAt.msecsTo(result.finishedAt);
    if (result.note.isEmpty())
        result.note = end.message;
    if (result.id != 0)
        m_services.runs->recordResult(result);
    const QString itemId = m_items[job.item].id;
    m_results[itemId][job.instance.name] = result;
    emit checkFinished(itemId, result);
    recompute(job.item);
    // A console that lost the run's leases to another console writes nothing more for it, audit included.
    if (m_items[job.item].check != ChecklistItemStatus::Check::Running && m_services.audit
        && !(m_services.leases && m_services.leases->hasLostLeases(m_runId)))
        m_services.audit->record({m_runId, QStringLiteral("lockstep"), QStringLiteral("checklist.check"), {}, {},
                                  m_plan.targetVersion.toString(),
                                  m_items[job.item].check == ChecklistItemStatus::Check::Passed
                                      ? QStringLiteral("passed") : QStringLiteral("failed"),
                                  {}, QJsonObject{{QStringLiteral("item"), itemId},
                                                  {QStringLiteral("evidence"),
                                                   m_items[job.item].evidence.join(QLatin1Char('\n'))}}});
    emit itemChanged(m_items[job.item]);
    if (!m_queue.isEmpty())
        startNext();
    else if (m_running == 0)
        emit checksFinished(unsatisfied().isEmpty());
}

void Checklist::recompute(int i)
{
    ChecklistItemStatus &item = m_items[i];
    if (item.check == ChecklistItemStatus::Check::None)
        return;
    const auto results = m_results.value(item.id);
    int expected = 0, passed = 0, failed = 0;
    item.evidence.clear();
    for (const Wave &w : m_plan.waves)
        for (const Instance &inst : w.instances) {
            ++expected;
            if (!results.contains(inst.name))
                continue;
            const StepResult &r = results[inst.name];
            if (!r.outcome)
                continue;
            (*r.outcome == StepOutcome::Succeeded ? passed : failed) += 1;
            item.evidence << QStringLiteral("%1: %2: %3")
                                 .arg(inst.name, stepOutcomeName(*r.outcome),
                                      r.outputTail.isEmpty() ? r.note : r.outputTail);
        }
    if (failed > 0 && passed + failed == expected)
        item.check = ChecklistItemStatus::Check::Failed;
    else if (passed == expected)
        item.check = ChecklistItemStatus::Check::Passed;
    else if (passed + failed == 0 && m_running == 0 && m_queue.isEmpty())
        item.check = ChecklistItemStatus::Check::NotRun;
    else
        item.check = ChecklistItemStatus::Check::Running;
}

Result<SignOff> Checklist::signOff(const QString &itemId, const QString &operatorName, const QString &comment,
                                   const QString &evidence)
{
    ChecklistItemStatus *item = nullptr;
    for (ChecklistItemStatus &i : m_items)
        if (i.id == itemId)
            item = &i;
    if (!item)
        return Error{QStringLiteral("the checklist has no item \"%1\"").arg(itemId), m_plan.runbook.id,
                     QStringLiteral("sign one of: %1").arg([this] {
                         QStringList ids;
                         for (const ChecklistItemStatus &i : m_items)
                             ids << i.id;
                         return ids.join(QStringLiteral(", "));
                     }())};
    if (operatorName.trimmed().isEmpty())
        return Error{QStringLiteral("a sign-off needs the operator's name"), itemId, {}};
    for (const SignOff &s : item->signOffs)
        if (s.operatorName == operatorName)
            return Error{QStringLiteral("%1 already signed off \"%2\"").arg(operatorName, itemId), itemId,
                         item->signoffsRequired > 1
                             ? QStringLiteral("four-eyes: the second sign-off must come from a different operator")
                             : QStringLiteral("one sign-off per operator")};
    SignOff s;
    s.runId = m_runId;
    s.item = itemId;
    s.operatorName = operatorName;
    s.signedAt = Clock::instance().now();
    s.comment = comment;
    s.evidence = evidence.isEmpty() ? item->evidence.join(QLatin1Char('\n')) : evidence;
    auto stored = m_services.signOffs->add(s);
    if (!stored)
        return stored.error();
    if (m_services.audit)
        m_services.audit->record({m_runId, operatorName, QStringLiteral("signoff"), {}, {},
                                  m_plan.targetVersion.toString(), QStringLiteral("signed"), comment,
                                  QJsonObject{{QStringLiteral("item"), itemId},
                                              {QStringLiteral("evidence"), s.evidence}}});
    item->signOffs.append(*stored);
    emit itemChanged(*item);
    return *stored;
}

} // namespace lockstep
