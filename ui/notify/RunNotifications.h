#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>

class QWidget;

namespace lockstep {

class Notifier;
class RunExecutor;
class WebhookSender;
struct GateOutcome;

// What the operator is told about a run while looking elsewhere. When an approval is needed or a gate
// fails: a desktop notification if `window` is not the active window, and, if the run's product has a
// webhook in the settings (notifications/webhook/<product>), a JSON POST to it — Slack-compatible "text"
// plus run_id, product, event, instances and versions. Webhook failures are logged and reported through
// webhookFailed(); the run never waits for them.
class RunNotifications : public QObject
{
    Q_OBJECT
public:
    explicit RunNotifications(QWidget *window, QObject *parent = nullptr);
    ~RunNotifications() override;

    void setRun(RunExecutor *run);
    // Replaces the desktop notifier (not owned; null restores the desktop one). For tests.
    void setNotifier(Notifier *notifier);
    // Whether the operator sees the run's progress now (the window's Progress page is in front). A manual
    // step that waits is notified on the desktop unless so; without it, unless the window is active.
    void setWatching(std::function<bool()> watching) { m_watching = std::move(watching); }

signals:
    void webhookFailed(const QString &message);

private:
    void onApprovalNeeded(int nextWave, const QString &why);
    void onGateFinished(const QString &gate, const GateOutcome &outcome);
    void onManualStepWaiting(const QString &instance, const QString &step, const QString &prompt);
    void publish(const QString &event, const QString &title, const QString &text, const QStringList &instances);
    QJsonObject payload(const QString &event, const QString &text, const QStringList &instances) const;

    QPointer<QWidget> m_window;
    QPointer<RunExecutor> m_run;
    std::unique_ptr<Notifier> m_desktop;
    Notifier *m_notifier;
    WebhookSender *m_webhook;
    std::function<bool()> m_watching;
};

} // namespace lockstep
