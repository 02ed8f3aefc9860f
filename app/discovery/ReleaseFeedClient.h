#pragma once

#include "models/Release.h"
#include "models/Result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;

namespace lockstep {

// Fetches a product's release feed (GET <url>, JSON):
//   {"product":"..","releases":[{"version":"1.5.0","notes":"http://..","breaking":false,
//     "security":false,"published":"ISO-8601"}, ...]}
// Each entry is validated: an entry whose version is not a semantic version (or that is not an
// object) is dropped and reported with the product and the value, the others are delivered newest
// first. Asynchronous on the caller's event loop; one fetch per call, any number in parallel.
class ReleaseFeedClient : public QObject
{
    Q_OBJECT
public:
    // The client uses `manager` when given (it must outlive the client), otherwise its own.
    explicit ReleaseFeedClient(QNetworkAccessManager *manager = nullptr, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }   // default 10 s
    void fetch(const QString &product, const QUrl &feedUrl);

    struct Parsed
    {
        QList<Release> releases;   // valid entries, newest version first
        QList<Error> dropped;      // one per refused entry: what was wrong, where = product and entry
    };
    // The parsing step alone: fails as a whole only when the document is not a feed at all.
    static Result<Parsed> parse(const QString &product, const QByteArray &json);

signals:
    void releasesFetched(const QString &product, const QList<lockstep::Release> &releases,
                         const QList<lockstep::Error> &dropped);
    void fetchFailed(const QString &product, const lockstep::Error &error);

private:
    QNetworkAccessManager *m_manager;
    std::chrono::milliseconds m_timeout{10000};
};

} // namespace lockstep
