#pragma once

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;

namespace lockstep {

// POSTs JSON to a webhook (Slack-compatible: the payload has "text"), asynchronously. A failure (no
// answer within 10 s, a refused connection, a status of 300 or more) is reported through failed(), never
// waited for: a webhook must not hold up a run.
class WebhookSender : public QObject
{
    Q_OBJECT
public:
    explicit WebhookSender(QObject *parent = nullptr);
    ~WebhookSender() override;

    void send(const QUrl &url, const QJsonObject &payload);
    // Where a webhook goes without the secret parts of its URL (Slack puts its token in the path).
    static QString displayUrl(const QUrl &url);
    // Waits (an event loop) until every webhook sent has been answered or has failed, at most `timeout`:
    // a process about to exit (the CLI after its run) lets its last notices go out. False on timeout.
    bool waitForPending(std::chrono::milliseconds timeout);

signals:
    void delivered(const QUrl &url);
    void failed(const QUrl &url, const QString &error);
    // No webhook is in flight any more.
    void settled();

private:
    QNetworkAccessManager *m_network;
    int m_pending = 0;
};

} // namespace lockstep
