#include "app/discovery/ReleaseFeedClient.h"

#include "app/core/BoundedBody.h"
#include "app/core/RemoteText.h"
#include "models/SemVer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <numeric>

namespace lockstep {

namespace {

constexpr qint64 kMaxFeedBytes = 8 * 1024 * 1024;
constexpr int kMaxEntries = 10000;

QString shown(const QJsonValue &value)
{
    QString text = value.isString() ? value.toString()
                                    : QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    text = text.left(64);
    text.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return neutralisedRemoteText(text);
}

} // namespace

ReleaseFeedClient::ReleaseFeedClient(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager ? manager : new QNetworkAccessManager(this))
{
}

Result<ReleaseFeedClient::Parsed> ReleaseFeedClient::parse(const QString &product, const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{QStringLiteral("release feed is not JSON: %1").arg(parseError.errorString()),
                     QStringLiteral("%1 feed, offset %2").arg(product, QString::number(parseError.offset)),
                     QStringLiteral("check the product's release source URL")};
    const QJsonArray entries = doc.object().value(QStringLiteral("releases")).toArray();
    if (!doc.isObject() || !doc.object().value(QStringLiteral("releases")).isArray())
        return Error{QStringLiteral("release feed has no \"releases\" array"), QStringLiteral("%1 feed").arg(product),
                     QStringLiteral("expected {\"product\":..,\"releases\":[...]}")};
    const QString declared = doc.object().value(QStringLiteral("product")).toString();
    if (!declared.isEmpty() && declared != product)
        return Error{QStringLiteral("release feed is for product \"%1\"").arg(neutralisedRemoteText(declared.left(64))),
                     QStringLiteral("%1 feed").arg(product), QStringLiteral("check the product's release source URL")};

    Parsed parsed;
    QList<SemVer> versions;
    for (qsizetype i = 0; i < entries.size() && i < kMaxEntries; ++i) {
        const QString where = QStringLiteral("%1 feed, release %2").arg(product, QString::number(i));
        if (!entries.at(i).isObject()) {
            parsed.dropped.append({QStringLiteral("entry is not an object"), where, {}});
            continue;
        }
        const QJsonObject entry = entries.at(i).toObject();
        const QJsonValue versionValue = entry.value(QStringLiteral("version"));
        const Result<SemVer> version = versionValue.isString() ? SemVer::parse(versionValue.toString())
                                                               : Result<SemVer>(Error{});
        if (!version) {
            parsed.dropped.append({QStringLiteral("dropped release with invalid version \"%1\"").arg(shown(versionValue)),
                                   where, QStringLiteral("the feed must publish semantic versions")});
            continue;
        }
        Release release;
        release.product = product;
        release.version = version->toString();
        const QUrl notes(entry.value(QStringLiteral("notes")).toString(), QUrl::StrictMode);
        // Only web links: notes are opened by the operator's browser.
        if (notes.isValid() && (notes.scheme() == QLatin1String("http") || notes.scheme() == QLatin1String("https")))
            release.notesUrl = notes;
        release.breaking = entry.value(QStringLiteral("breaking")).toBool();
        release.security = entry.value(QStringLiteral("security")).toBool();
        release.published = QDateTime::fromString(entry.value(QStringLiteral("published")).toString(), Qt::ISODate);
        parsed.releases.append(release);
        versions.append(*version);
    }
    if (entries.size() > kMaxEntries)
        parsed.dropped.append({QStringLiteral("feed has %1 entries; only the first %2 were read")
                                   .arg(QString::number(entries.size()), QString::number(kMaxEntries)),
                               QStringLiteral("%1 feed").arg(product), {}});

    QList<qsizetype> order(parsed.releases.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return versions[a] > versions[b]; });
    QList<Release> sorted;
    sorted.reserve(order.size());
    for (qsizetype i : order)
        sorted.append(parsed.releases.at(i));
    parsed.releases = sorted;
    return parsed;
}

void ReleaseFeedClient::fetch(const QString &product, const QUrl &feedUrl)
{
    QNetworkRequest request(feedUrl);
    request.setTransferTimeout(int(m_timeout.count()));
    request.setRawHeader("Accept", "application/json");
    // Named here so Qt leaves a gzip body encoded: BoundedBody decodes it under the size limit.
    request.setRawHeader("Accept-Encoding", "gzip");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_manager->get(request);
    auto body = std::make_shared<BoundedBody>(kMaxFeedBytes, QStringLiteral("release feed"));
    auto cut = std::make_shared<std::optional<Error>>();   // why we aborted the reply, if we did
    auto abortWith = [reply, cut](const Error &error) {
        if (*cut)
            return;
        *cut = error;
        reply->abort();
    };
    auto begin = [reply, body, abortWith] {
        if (body->begun())
            return;
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const Status begun = body->begin(reply->rawHeader("Content-Encoding"), length.isValid() ? length.toLongLong() : -1);
        if (!begun)
            abortWith(begun.error());
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, begin);
    connect(reply, &QNetworkReply::readyRead, this, [reply, body, cut, begin, abortWith] {
        begin();
        if (*cut)
            return;
        const Status appended = body->append(reply->readAll());
        if (!appended)
            abortWith(appended.error());
    });
    // The transfer timeout only measures silence; this deadline holds for the whole request.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [this, abortWith] {
        abortWith(Error{QStringLiteral("release feed did not arrive within %1 s").arg(m_timeout.count() / 1000.0), {},
                        QStringLiteral("check that the release source is reachable and answers quickly")});
    });
    deadline->start(m_timeout);
    connect(reply, &QNetworkReply::finished, this, [this, reply, product, feedUrl, body, cut] {
        reply->disconnect(this);
        reply->deleteLater();
        const QString where = feedUrl.toDisplayString();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (*cut) {
            Error error = **cut;
            error.where = where;
            emit fetchFailed(product, error);
            return;
        }
        if (status == 0) {
            emit fetchFailed(product, Error{QStringLiteral("cannot fetch the release feed: %1").arg(reply->errorString()),
                                            where, QStringLiteral("check that the release source is reachable")});
            return;
        }
        if (status != 200) {
            emit fetchFailed(product, Error{QStringLiteral("release feed answered HTTP %1").arg(status), where, {}});
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            emit fetchFailed(product, Error{QStringLiteral("the release feed did not arrive in full: %1").arg(reply->errorString()),
                                            where, QStringLiteral("check that the release source is reachable")});
            return;
        }
        Status read = body->append(reply->readAll());
        if (read)
            read = body->finish();
        if (!read) {
            Error error = read.error();
            error.where = where;
            emit fetchFailed(product, error);
            return;
        }
        const Result<Parsed> parsed = parse(product, body->take());
        if (!parsed) {
            Error error = parsed.error();
            error.where = where + QStringLiteral(": ") + error.where;
            emit fetchFailed(product, error);
            return;
        }
        emit releasesFetched(product, parsed->releases, parsed->dropped);
    });
}

} // namespace lockstep
