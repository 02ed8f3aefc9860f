#include "app/notify/RunNotifications.h"

#include "app/core/Settings.h"
#include "app/engine/RunExecutor.h"
#include "app/notify/Notifier.h"
#include "app/notify/WebhookSender.h"
#include "models/run/RunNarration.h"

#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcNotify, "lockstep.notify")

namespace lockstep {

namespace {

// Which run events are told, and where. The webhook's "event" names are its JSON contract with receivers.
struct Subscription
{
    RunEvent::Kind kind;
    const char *webhookEvent;   // null: the desktop only (the operator at this console is the one who acts)
    const char *outcome;        // null: any; else only events with this outcome
};

constexpr Subscription kSubscriptions[] = {
    {RunEvent::Kind::ApprovalNeeded, "approval.needed", nullptr},
    // An inconclusive gate asks for an approval, which is told on its own.
    {RunEvent::Kind::GateFinished, "gate.failed", "failed"},
    {RunEvent::Kind::ManualStepWaiting, nullptr, nullptr},
    {RunEvent::Kind::GateInconclusive, nullptr, nullptr},
    {RunEvent::Kind::RollbackNeedsRestore, nullptr, nullptr},
};

const Subscription *subscriptionFor(const RunEvent &e)
{
    for (const Subscription &s : kSubscriptions)
        if (s.kind == e.kind && (!s.outcome || e.outcome == QLatin1String(s.outcome)))
            return &s;
    return nullptr;
}

} // namespace

RunNotifications::RunNotifications(QObject *parent)
    : QObject(parent)
    , m_webhook(new WebhookSender(this))
{
    connect(m_webhook, &WebhookSender::failed, this, [this](const QUrl &url, const QString &error) {
        const QString message = tr("The webhook %1 was not told: %2. The run goes on; check the URL in the settings "
                                   "(notifications/webhook/<product>).")
                                    .arg(WebhookSender::displayUrl(url), error);
        qCWarning(lcNotify).noquote() << message;
        emit webhookFailed(message);
    });
}

RunNotifications::~RunNotifications() = default;

bool RunNotifications::waitForWebhooks(std::chrono::milliseconds timeout)
{
    return m_webhook->waitForPending(timeout);
}

void RunNotifications::setRun(RunExecutor *run)
{
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    if (!run)
        return;
    connect(run, &RunExecutor::runEvent, this, &RunNotifications::onRunEvent);
}

void RunNotifications::onRunEvent(const RunEvent &e)
{
    const Subscription *subscription = subscriptionFor(e);
    if (!subscription)
        return;
    if (subscription->webhookEvent) {
        publish(QString::fromLatin1(subscription->webhookEvent), title(e), text(e), instancesOf(e));
        return;
    }
    const bool watching = m_watching ? m_watching() : consoleActive();
    if (!watching && m_notifier)
        m_notifier->notify(title(e), text(e));
}

QString RunNotifications::title(const RunEvent &e) const
{
    const QString run = QString::number(e.runId);
    switch (e.kind) {
    case RunEvent::Kind::ApprovalNeeded: return tr("Run %1: approval needed").arg(run);
    case RunEvent::Kind::GateFinished: return tr("Run %1: gate %2 failed").arg(run, e.step);
    case RunEvent::Kind::ManualStepWaiting:
    case RunEvent::Kind::GateInconclusive: return tr("Run %1: %2 waits for you").arg(run, e.instance);
    case RunEvent::Kind::RollbackNeedsRestore: return tr("Run %1: %2 needs restore").arg(run, e.instance);
    default: return tr("Run %1").arg(run);
    }
}

QString RunNotifications::text(const RunEvent &e) const
{
    const Plan &plan = m_run->plan();
    const QString told = tr("Run %1 (%2 → %3): %4")
                             .arg(QString::number(e.runId), plan.runbook.product, plan.targetVersion.toString(),
                                  RunNarration::describe(e));
    if (e.kind != RunEvent::Kind::GateFinished)
        return told;
    const bool rollsBack = plan.runbook.strategy.onFailure == OnFailure::Rollback;
    const qint64 countdown = std::chrono::duration_cast<std::chrono::seconds>(m_run->rollbackCountdown()).count();
    const QString next = !rollsBack    ? tr("The run pauses for the operator.")
                         : countdown > 0 ? tr("The run rolls back in %1 s unless an operator cancels.").arg(countdown)
                                         : tr("The run rolls back.");
    return told + u' ' + next;
}

QStringList RunNotifications::instancesOf(const RunEvent &e) const
{
    QStringList instances;
    if (e.kind == RunEvent::Kind::ApprovalNeeded) {
        // The wave that waits for the approval.
        if (e.wave >= 1 && e.wave <= m_run->plan().waves.size())
            for (const Instance &i : m_run->plan().waves.at(e.wave - 1).instances)
                instances << i.name;
        return instances;
    }
    // A failed gate judged every instance upgraded so far.
    for (const InstanceProgress &p : m_run->progress())
        if (p.wave <= m_run->currentWave() && p.state != InstanceState::Pending)
            instances << p.instance;
    return instances;
}

void RunNotifications::publish(const QString &event, const QString &title, const QString &text, const QStringList &instances)
{
    if (m_notifier && !consoleActive())
        m_notifier->notify(title, text);
    const QString url = Settings::instance().get(settings::productWebhook(m_run->plan().runbook.product)).trimmed();
    if (url.isEmpty())
        return;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))) {
        emit webhookFailed(tr("The webhook of %1 is not an http(s) URL; nothing was sent. Fix notifications/webhook/%1 "
                              "in the settings.")
                               .arg(m_run->plan().runbook.product));
        return;
    }
    m_webhook->send(parsed, payload(event, text, instances));
}

QJsonObject RunNotifications::payload(const QString &event, const QString &text, const QStringList &instances) const
{
    const Plan &plan = m_run->plan();
    QJsonArray names;
    QJsonObject current;
    for (const QString &name : instances) {
        names.append(name);
        if (const Instance *i = plan.findInstance(name))
            current.insert(name, i->currentVersion);
    }
    return QJsonObject{
        {QStringLiteral("text"), QString(QStringLiteral("Lockstep: ") + text)},
        {QStringLiteral("event"), event},
        {QStringLiteral("run_id"), QJsonValue(m_run->runId())},
        {QStringLiteral("product"), plan.runbook.product},
        {QStringLiteral("runbook"), plan.runbook.id},
        {QStringLiteral("state"), runStateName(m_run->state())},
        {QStringLiteral("instances"), names},
        {QStringLiteral("versions"), QJsonObject{{QStringLiteral("target"), plan.targetVersion.toString()},
                                                 {QStringLiteral("current"), current}}},
    };
}

} // namespace lockstep
