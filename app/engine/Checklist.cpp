#include "app/engine/Checklist.h"

#include "app/engine/AuditSink.h"
#include "app/engine/SignOffRule.h"
#include "app/engine/StepLauncher.h"
#include "app/identity/OperatorIdentity.h"
#include "models/Clock.h"
#include "models/run/RunEvent.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "models/store/SignOffRepository.h"

#include <QJsonObject>
#include <QTimer>

namespace lockstep {

namespace {
constexpr int kTailLines = 20;

// The checklist's records are events of its run (run-level: no instance).
RunEvent checklistEvent(qint64 runId, const Plan &plan, RunEvent::Kind kind, const QString &operatorName,
                        const QString &outcome, const QString &reason, const QJsonObject &evidence)
{
    RunEvent e;
    e.kind = kind;
    e.runId = runId;
    e.operatorName = operatorName;
    e.toVersion = plan.targetVersion.toString();
    e.outcome = outcome;
    e.reason = reason;
    e.evidence = evidence;
    e.phase = RunPhase::Checklist;
    return e;
}

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
        s.runScope = c.check && c.scope == ChecklistScope::Run;
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
    for (int i = 0; i < m_items.size(); ++i) {
        recompute(i);
        countSignOffs(i);
    }
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

QStringList Checklist::failedChecks() const
{
    QStringList out;
    for (const ChecklistItemStatus &item : m_items)
        if (item.check == ChecklistItemStatus::Check::Failed)
            out << (item.title.isEmpty() ? item.id : item.title);
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
        if (m_items[i].runScope) {
            m_queue.append({int(i), Instance{}});   // scope: run: once, with no instance
        } else {
            for (const Wave &w : m_plan.waves)
                for (const Instance &inst : w.instances)
                    m_queue.append({int(i), inst});
        }
        emit itemChanged(m_items[i]);
    }
    if (m_queue.isEmpty() && m_running == 0) {
        QTimer::singleShot(0, this, [this] { emit checksFinished(failedChecks().isEmpty()); });
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
    const QString itemId = m_items[job.item].id;
    if (result.id != 0)
        if (Status stored = m_services.runs->recordResult(result); !stored) {
            // An unrecorded check proves nothing: it counts as failed and says why (run the checks again).
            result.outcome = StepOutcome::Failed;
            result.note = QStringLiteral("could not record the result of check %1 on %2: %3")
                              .arg(itemId, job.instance.name.isEmpty() ? QStringLiteral("the run") : job.instance.name,
                                   stored.error().message);
            result.outputTail = result.note;
        }
    m_results[itemId][job.instance.name] = result;
    emit checkFinished(itemId, result);
    recompute(job.item);
    // A console that lost the run's leases to another console writes nothing more for it, audit included.
    if (m_items[job.item].check != ChecklistItemStatus::Check::Running && m_services.audit
        && !(m_services.leases && m_services.leases->hasLostLeases(m_runId)))
        if (Status audited = m_services.audit->recordEvent(checklistEvent(m_runId, m_plan, RunEvent::Kind::ChecklistChecked, QStringLiteral("lockstep"),
                                                     m_items[job.item].check == ChecklistItemStatus::Check::Passed
                                                         ? QStringLiteral("passed") : QStringLiteral("failed"),
                                                     {}, QJsonObject{{QStringLiteral("item"), itemId},
                                                                     {QStringLiteral("evidence"),
                                                                      m_items[job.item].evidence.join(QLatin1Char('\n'))}}));
            !audited) {
            // A check that is not in the audit log does not let the run start.
            m_items[job.item].check = ChecklistItemStatus::Check::Failed;
            m_items[job.item].evidence.prepend(QStringLiteral("could not audit the check of %1: %2").arg(itemId, audited.error().message));
        }
    emit itemChanged(m_items[job.item]);
    if (!m_queue.isEmpty())
        startNext();
    else if (m_running == 0)
        emit checksFinished(failedChecks().isEmpty());
}

void Checklist::recompute(int i)
{
    ChecklistItemStatus &item = m_items[i];
    if (item.check == ChecklistItemStatus::Check::None)
        return;
    const auto results = m_results.value(item.id);
    int expected = 0, passed = 0, failed = 0;
    item.evidence.clear();
    // A check of scope: run has one result (no instance); any other one result per instance of the plan.
    QStringList targets;
    if (item.runScope) {
        targets << QString();
    } else {
        for (const Wave &w : m_plan.waves)
            for (const Instance &inst : w.instances)
                targets << inst.name;
    }
    for (const QString &name : std::as_const(targets)) {
        ++expected;
        if (!results.contains(name))
            continue;
        const StepResult &r = results[name];
        if (!r.outcome)
            continue;
        (*r.outcome == StepOutcome::Succeeded ? passed : failed) += 1;
        item.evidence << QStringLiteral("%1: %2: %3")
                             .arg(name.isEmpty() ? QStringLiteral("run") : name, stepOutcomeName(*r.outcome),
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

ChecklistItemStatus *Checklist::find(const QString &itemId)
{
    for (ChecklistItemStatus &i : m_items)
        if (i.id == itemId)
            return &i;
    return nullptr;
}

Error Checklist::noSuchItem(const QString &itemId) const
{
    QStringList ids;
    for (const ChecklistItemStatus &i : m_items)
        ids << i.id;
    return Error{QStringLiteral("the checklist has no item \"%1\"").arg(itemId), m_plan.runbook.id,
                 QStringLiteral("sign one of: %1").arg(ids.join(QStringLiteral(", ")))};
}

QString Checklist::initiator() const
{
    if (m_initiator.isEmpty() && m_services.runs)
        if (auto record = m_services.runs->find(m_runId))
            m_initiator = record->operatorName;
    return m_initiator;
}

SignOffRule Checklist::ruleOf(const ChecklistItemStatus &item) const
{
    const ChecklistItem &c = m_plan.runbook.checklist[int(&item - m_items.constData())];
    ApprovalRule rule;
    rule.by = c.signoffsRequired;
    rule.excludeInitiator = c.excludeInitiator;
    rule.role = c.role;
    rule.maxAge = c.maxAge;
    rule.expiresWithWindow = c.expiresWithWindow;
    return SignOffRule(m_plan, m_runId, rule, initiator(), m_services.identity,
                       {item.id, QStringLiteral("sign-off of \"%1\"").arg(item.id),
                        QStringLiteral("another operator signs with their SSH key (lockstep-cli signoff RUN --item %1 --request, "
                                       "then --sign on their machine) or from their own console").arg(item.id)});
}

Result<SignOff> Checklist::signOff(const QString &itemId, const QString &operatorName, const QString &comment,
                                   const QString &evidence)
{
    ChecklistItemStatus *item = find(itemId);
    if (!item)
        return noSuchItem(itemId);
    auto authentication = OperatorIdentity::authenticate(m_services.identity, operatorName, QStringLiteral("a sign-off"));
    if (!authentication)
        return Error{authentication.error().message, itemId, authentication.error().hint};
    SignOff s;
    s.runId = m_runId;
    s.item = itemId;
    s.operatorName = operatorName;
    s.signedAt = Clock::instance().now();
    s.comment = comment;
    s.evidence = evidence.isEmpty() ? item->evidence.join(QLatin1Char('\n')) : evidence;
    s.authentication = *authentication;
    if (Status allowed = ruleOf(*item).allows(s.operatorName, s.signedAt); !allowed)
        return allowed.error();
    return store(*item, s, {});
}

Result<SignOffMessage> Checklist::request(const QString &itemId) const
{
    const auto it = std::find_if(m_items.cbegin(), m_items.cend(), [&](const ChecklistItemStatus &i) { return i.id == itemId; });
    if (it == m_items.cend())
        return noSuchItem(itemId);
    if (it->signoffsRequired == 0)
        return Error{QStringLiteral("\"%1\" is an automated check; it needs no sign-off").arg(itemId), m_plan.runbook.id, {}};
    return ruleOf(*it).request(it->evidence.join(QLatin1Char('\n')));
}

Result<SignOff> Checklist::addSigned(const SignOffMessage &m)
{
    if (Status s = checkSigned(m); !s)
        return s.error();
    return addVerified(m, verifySigned(m, m_services.allowedSigners));
}

Status Checklist::checkSigned(const SignOffMessage &m) const
{
    const auto item = std::find_if(m_items.cbegin(), m_items.cend(), [&](const ChecklistItemStatus &i) { return i.id == m.item; });
    if (item == m_items.cend())
        return noSuchItem(m.item);
    return ruleOf(*item).checkSigned(m);
}

Result<SshSignature::Verified> Checklist::verifySigned(const SignOffMessage &m, const QString &allowedSigners)
{
    return SignOffRule::verify(m, allowedSigners);
}

Result<SignOff> Checklist::addVerified(const SignOffMessage &m, const Result<SshSignature::Verified> &verified)
{
    if (Status s = checkSigned(m); !s)
        return s.error();
    ChecklistItemStatus *item = find(m.item);
    auto accepted = ruleOf(*item).accept(m, verified, item->signOffs);
    if (!accepted)
        return accepted.error();
    return store(*item, *accepted, SignOffRule::auditFields(m, verified->fingerprint));
}

Result<SignOff> Checklist::store(ChecklistItemStatus &item, SignOff s, const QJsonObject &auditExtra)
{
    for (const SignOff &other : item.signOffs)
        if (other.operatorName == s.operatorName)
            return Error{QStringLiteral("%1 already signed off \"%2\"").arg(s.operatorName, item.id), item.id,
                         item.signoffsRequired > 1
                             ? QStringLiteral("four-eyes: the second sign-off must come from a different operator")
                             : QStringLiteral("one sign-off per operator")};
    const int index = int(&item - m_items.data());
    s.evidenceHash = SignOffMessage::sha256(s.evidence);
    s.role = m_plan.runbook.checklist.value(index).role;
    // The audit record names the operator as stored (team mode: the server's session role), how they were
    // authenticated, the evidence they saw and its hash (and for a signed sign-off the signature itself).
    // Stored and audited together: a sign-off whose audit record cannot be written is not stored and
    // does not count, and the operator is told why.
    const auto audit = [&](const SignOff &stored) -> Status {
        if (!m_services.audit)
            return okStatus();
        QJsonObject evidence{{QStringLiteral("item"), item.id},
                             {QStringLiteral("authentication"), stored.authentication},
                             {QStringLiteral("evidence"), s.evidence},
                             {QStringLiteral("evidence_sha256"), s.evidenceHash}};
        for (auto it = auditExtra.begin(); it != auditExtra.end(); ++it)
            evidence.insert(it.key(), it.value());
        return m_services.audit->recordEvent(checklistEvent(m_runId, m_plan, RunEvent::Kind::SignedOff, stored.operatorName,
                                                            QStringLiteral("signed"), s.comment, evidence));
    };
    auto stored = m_services.signOffs->add(s, audit);
    if (!stored)
        return stored.error();
    item.signOffs.append(*stored);
    countSignOffs(index);
    emit itemChanged(item);
    return *stored;
}

void Checklist::countSignOffs(int i)
{
    ChecklistItemStatus &item = m_items[i];
    item.notCounted.clear();
    if (item.signoffsRequired == 0) {
        item.counted = -1;
        return;
    }
    const SignOffRule rule = ruleOf(item);
    int counted = 0;
    for (const SignOff &s : std::as_const(item.signOffs)) {
        if (Status counts = rule.counts(s); !counts)
            item.notCounted << counts.error().message;
        else
            ++counted;
    }
    item.counted = counted;
}

} // namespace lockstep
