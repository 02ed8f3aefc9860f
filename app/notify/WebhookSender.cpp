#include "app/notify/WebhookSender.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace lockstep {

namespace {
constexpr int kTimeoutMs = 10000;
}

WebhookSender::WebhookSender(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

WebhookSender::~WebhookSender() = default;

QString WebhookSender::displayUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString()
           + (url.path().isEmpty() ? QString() : QStringLiteral("/…"));
}

void WebhookSender::send(const QUrl &url, const QJsonObject &payload)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(kTimeoutMs);
    QNetworkReply *reply = m_network->post(request, QJsonDocument(payload).toJson(QJsonDocument::Compact));
    ++m_pending;
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        reply->deleteLater();
        --m_pending;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError && status == 0)
            emit failed(url, reply->errorString());
        else if (status >= 300)
            emit failed(url, tr("the server answered HTTP %1").arg(status));
        else
            emit delivered(url);
        if (m_pending == 0)
            emit settled();
    });
}

bool WebhookSender::waitForPending(std::chrono::milliseconds timeout)
{
    if (m_pending == 0)
        return true;
    QEventLoop loop;
    connect(this, &WebhookSender::settled, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    loop.exec();
    return m_pending == 0;
}

} // namespace lockstep
