#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <chrono>
#include <functional>

namespace lockstep {

class Notifier;
class RunExecutor;
class WebhookSender;
struct RunEvent;

// What the operator is told about a run while looking elsewhere. It subscribes to run event kinds (see
// kSubscriptions in the .cpp) and tells them in RunNarration's words: when an approval is needed or a gate
// fails, a desktop notification (through the Notifier the front end sets, if any) unless the console is
// in front, and, if the run's product has a webhook in the settings (notifications/webhook/<product>), a
// JSON POST to it — Slack-compatible "text" plus run_id, product, event, instances and versions. Webhook
// failures are logged and reported through webhookFailed(); the run never waits for them. No widget: the
// headless CLI sends the same webhooks as the console.
class RunNotifications : public QObject
{
    Q_OBJECT
public:
    explicit RunNotifications(QObject *parent = nullptr);
    ~RunNotifications() override;

    void setRun(RunExecutor *run);
    // Where desktop notifications go (not owned; null: none, as in the CLI). The console sets its
    // DesktopNotifier; tests put in a recorder.
    void setNotifier(Notifier *notifier) { m_notifier = notifier; }
    // Whether the console window is in front: approvals and failed gates go to the desktop only if not.
    // Without it, always.
    void setConsoleActive(std::function<bool()> active) { m_consoleActive = std::move(active); }
    // Whether the operator sees the run's progress now (the window's Progress page is in front). A manual
    // step that waits is notified on the desktop unless so; without it, unless the console is active.
    void setWatching(std::function<bool()> watching) { m_watching = std::move(watching); }
    // Lets the webhooks sent so far be answered, at most `timeout` (an event loop): the CLI before it
    // exits. False if some were still in flight.
    bool waitForWebhooks(std::chrono::milliseconds timeout);

signals:
    void webhookFailed(const QString &message);

private:
    void onRunEvent(const RunEvent &event);
    QString title(const RunEvent &event) const;
    // The event in RunNarration's words, with the run it belongs to and what happens next.
    QString text(const RunEvent &event) const;
    QStringList instancesOf(const RunEvent &event) const;
    void publish(const QString &event, const QString &title, const QString &text, const QStringList &instances);
    QJsonObject payload(const QString &event, const QString &text, const QStringList &instances) const;

    bool consoleActive() const { return m_consoleActive && m_consoleActive(); }

    QPointer<RunExecutor> m_run;
    Notifier *m_notifier = nullptr;
    WebhookSender *m_webhook;
    std::function<bool()> m_consoleActive;
    std::function<bool()> m_watching;
};

} // namespace lockstep
