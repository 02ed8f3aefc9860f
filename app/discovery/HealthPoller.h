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
// time, each with an absolute deadline (a host trickling a byte a second is cut at the timeout like
// a silent one) and a 64 KiB body limit (also after gzip decoding). Cycles start on a fixed
// schedule, every interval after the previous one started: a host still being asked from an earlier
// cycle is skipped, so one slow host never delays the others. A /health whose body did not arrive
// in full (stalled or cut after a 200 header) is unhealthy, never healthy. A host that does not
// answer at all is asked again only after an exponential back-off (interval, 2x, 4x ... up to a
// cap) so dead hosts are not hammered. A /version that is not a semantic version is reported as an
// error, never passed on; text the host chose is neutralised (control and bidi characters escaped)
// before it reaches the log or the table.
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

    void start();       // a cycle now, then one every interval after the previous started
    void stop();        // aborts requests in flight; no signal for them
    bool pollOnce();    // one cycle now; false if a cycle is already running
    bool isPolling() const { return !m_cycles.isEmpty(); }

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
        int cycle = 0;
        InstanceStatus status;
        int remaining = 2;
        bool answered = false;      // any HTTP response from either endpoint
        bool healthReached = false; // /health gave an HTTP response
        QString healthError;
        QString versionError;
    };

    struct Cycle
    {
        PollCycleStats stats;
        QElapsedTimer clock;
        int remaining = 0;   // hosts of this cycle not yet complete
    };
    struct Answer;   // one reply as read: status, body, or why it is incomplete

    void startCycle();
    void pump();
    void send(const Job &job);
    void handleReply(QNetworkReply *reply, const Job &job, const Answer &answer);
    void readHealth(Pending &pending, const Answer &answer);
    void readVersion(Pending &pending, const Answer &answer);
    void complete(const QString &name);
    void finishCycle(int id);
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
    QTimer m_nextCycle;
    QHash<int, Cycle> m_cycles;   // started and not yet finished, by id
    int m_lastCycle = 0;
};

} // namespace lockstep
