#pragma once

#include "app/discovery/PollCycleStats.h"
#include "models/Instance.h"
#include "models/InstanceStatus.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace lockstep {

// Polls every instance's GET <baseUrl>/health and GET <baseUrl>/version on the caller's event loop
// and reports what it saw. It never blocks: requests are asynchronous, at most maxInFlight() at a
// time, each with a transfer timeout. A host that does not answer at all is asked again only after
// an exponential back-off (interval, 2x, 4x ... up to a cap) so dead hosts are not hammered.
// A /version that is not a semantic version is reported as an error, never passed on.
//
// Usage: setInstances(...); connect instanceUpdated / pollCycleFinished; start() (every interval)
// or pollOnce() (one cycle). Times come from lockstep::Clock.
class HealthPoller : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        QString name;
        QUrl baseUrl;
    };

    explicit HealthPoller(QObject *parent = nullptr);
    ~HealthPoller() override;

    // Takes effect at the next cycle; back-off state of names that stay is kept.
    void setTargets(const QList<Target> &targets);
    void setInstances(const QList<Instance> &instances);

    void setMaxInFlight(int requests) { m_maxInFlight = std::max(1, requests); }   // default 32
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }   // default 2 s
    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }      // default 10 s
    // Back-off after the first failure and its cap; default: one interval, 5 min.
    void setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap);
    int maxInFlight() const { return m_maxInFlight; }

    void start();       // a cycle now, then one every interval after the previous ended
    void stop();        // aborts requests in flight; no signal for them
    bool pollOnce();    // one cycle now; false if a cycle is already running
    bool isPolling() const { return m_polling; }

signals:
    void instanceUpdated(const lockstep::InstanceStatus &status);
    void pollCycleFinished(const lockstep::PollCycleStats &stats);

private:
    enum class Endpoint { Health, Version };
    struct Job
    {
        QString name;
        Endpoint endpoint;
    };
    struct Record
    {
        QUrl baseUrl;
        int failures = 0;
        QDateTime nextDue;
        QDateTime lastSeen;
    };
    struct Pending
    {
        InstanceStatus status;
        int remaining = 2;
        bool answered = false;      // any HTTP response from either endpoint
        bool healthReached = false; // /health gave an HTTP response
        QString healthError;
        QString versionError;
    };

    void startCycle();
    void pump();
    void send(const Job &job);
    void handleReply(QNetworkReply *reply, const Job &job);
    void readHealth(Pending &pending, QNetworkReply *reply, int httpStatus);
    void readVersion(Pending &pending, QNetworkReply *reply, int httpStatus);
    void complete(const QString &name);
    void finishCycle();
    QString transportError(QNetworkReply *reply) const;
    QNetworkAccessManager *managerFor(int jobIndex);

    QList<Target> m_targets;
    QHash<QString, Record> m_records;
    QHash<QString, Pending> m_pending;
    QQueue<Job> m_queue;
    QList<QNetworkAccessManager *> m_managers;
    int m_inFlight = 0;
    int m_sent = 0;
    int m_maxInFlight = 32;
    std::chrono::milliseconds m_timeout{2000};
    std::chrono::milliseconds m_interval{10000};
    std::chrono::milliseconds m_backoffFirst{0};   // 0: one interval
    std::chrono::milliseconds m_backoffCap{300000};
    bool m_running = false;
    bool m_polling = false;
    QTimer m_nextCycle;
    QElapsedTimer m_cycleClock;
    PollCycleStats m_stats;
};

} // namespace lockstep
