#include "app/notify/RunNotifications.h"

#include "app/core/Settings.h"
#include "app/engine/RunExecutor.h"
#include "app/notify/Notifier.h"
#include "app/notify/WebhookSender.h"

#include <QJsonArray>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcNotify, "lockstep.notify")

namespace lockstep {

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

void RunNotifications::setRun(RunExecutor *run)
{
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    if (!run)
        return;
    connect(run, &RunExecutor::approvalNeeded, this, &RunNotifications::onApprovalNeeded);
    connect(run, &RunExecutor::gateFinished, this, &RunNotifications::onGateFinished);
    connect(run, &RunExecutor::manualStepWaiting, this, &RunNotifications::onManualStepWaiting);
}

void RunNotifications::onManualStepWaiting(const QString &instance, const QString &step, const QString &prompt)
{
    // Only the desktop: the operator at this console is the one who confirms it.
    const bool watching = m_watching ? m_watching() : consoleActive();
    if (watching || !m_notifier)
        return;
    m_notifier->notify(tr("Run %1: %2 waits for you").arg(QString::number(m_run->runId()), instance),
                       tr("Step %1 on %2 waits for your confirmation: %3").arg(step, instance, prompt));
}

void RunNotifications::onApprovalNeeded(int nextWave, const QString &why)
{
    QStringList instances;
    if (nextWave < m_run->plan().waves.size())
        for (const Instance &i : m_run->plan().waves.at(nextWave).instances)
            instances << i.name;
    publish(QStringLiteral("approval.needed"), tr("Run %1: approval needed").arg(m_run->runId()),
            tr("Wave %1 of run %2 (%3 → %4) waits for an approval: %5")
                .arg(nextWave + 1)
                .arg(m_run->runId())
                .arg(m_run->plan().runbook.product, m_run->plan().targetVersion.toString(), why),
            instances);
}

void RunNotifications::onGateFinished(const QString &gate, const GateOutcome &outcome)
{
    // An inconclusive gate asks for an approval, which is notified on its own.
    if (outcome.state != GateOutcome::State::Failed)
        return;
    QStringList instances;
    for (const InstanceProgress &p : m_run->progress())
        if (p.wave <= m_run->currentWave() && p.state != InstanceState::Pending)
            instances << p.instance;
    const bool rollsBack = m_run->plan().runbook.strategy.onFailure == OnFailure::Rollback;
    const qint64 countdown = std::chrono::duration_cast<std::chrono::seconds>(m_run->rollbackCountdown()).count();
    const QString next = !rollsBack    ? tr("The run pauses for the operator.")
                         : countdown > 0 ? tr("The run rolls back in %1 s unless an operator cancels.").arg(countdown)
                                         : tr("The run rolls back.");
    publish(QStringLiteral("gate.failed"), tr("Run %1: gate %2 failed").arg(m_run->runId()).arg(gate),
            tr("Gate %1 of run %2 (%3 → %4) failed: %5. %6")
                .arg(gate, QString::number(m_run->runId()), m_run->plan().runbook.product,
                     m_run->plan().targetVersion.toString(), outcome.summary, next),
            instances);
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
