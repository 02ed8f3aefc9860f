#include "app/discovery/HealthPoller.h"

#include "models/Clock.h"
#include "models/SemVer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace lockstep {

namespace {

// A health or version answer is a few dozen bytes; anything this big is not one.
constexpr qint64 kMaxBodyBytes = 64 * 1024;
// Qt opens at most six HTTP/1.1 connections per host and port and per manager. Instances behind
// one address (a gateway, or lockstep-fleetsim) would cap the poll at six requests in flight, so
// requests are spread over enough managers to reach maxInFlight.
constexpr int kConnectionsPerManager = 6;
const char *const kTooLargeProperty = "lockstepTooLarge";

QUrl endpointUrl(const QUrl &base, const QString &endpoint)
{
    QUrl url = base;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + endpoint);
    return url;
}

QString durationText(std::chrono::milliseconds ms)
{
    if (ms.count() % 1000 == 0)
        return QStringLiteral("%1 s").arg(ms.count() / 1000);
    return QStringLiteral("%1 ms").arg(ms.count());
}

QString joinErrors(const QString &a, const QString &b)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    return a + QStringLiteral("; ") + b;
}

} // namespace

HealthPoller::HealthPoller(QObject *parent)
    : QObject(parent)
{
    m_nextCycle.setSingleShot(true);
    connect(&m_nextCycle, &QTimer::timeout, this, &HealthPoller::startCycle);
}

HealthPoller::~HealthPoller()
{
    stop();
}

void HealthPoller::setTargets(const QList<Target> &targets)
{
    m_targets = targets;
}

void HealthPoller::setInstances(const QList<Instance> &instances)
{
    QList<Target> targets;
    targets.reserve(instances.size());
    for (const Instance &instance : instances)
        targets.append({instance.name, instance.baseUrl});
    setTargets(targets);
}

void HealthPoller::setBackoff(std::chrono::milliseconds first, std::chrono::milliseconds cap)
{
    m_backoffFirst = first;
    m_backoffCap = std::max(first, cap);
}

void HealthPoller::start()
{
    m_running = true;
    if (!m_polling)
        startCycle();
}

void HealthPoller::stop()
{
    m_running = false;
    m_nextCycle.stop();
    m_queue.clear();
    m_pending.clear();
    m_polling = false;
    m_inFlight = 0;
    // stop() may run inside a slot of one of our replies: disconnect and abort the replies, and
    // delete the managers later rather than under a signal being delivered.
    for (QNetworkAccessManager *manager : std::as_const(m_managers)) {
        const auto replies = manager->findChildren<QNetworkReply *>();
        for (QNetworkReply *reply : replies) {
            reply->disconnect(this);
            reply->abort();
        }
        manager->deleteLater();
    }
    m_managers.clear();
}

bool HealthPoller::pollOnce()
{
    if (m_polling)
        return false;
    startCycle();
    return true;
}

void HealthPoller::startCycle()
{
    if (m_polling)
        return;
    m_polling = true;
    m_stats = PollCycleStats{};
    m_stats.started = Clock::instance().now();
    m_cycleClock.start();
    m_sent = 0;

    const QDateTime now = m_stats.started;
    QHash<QString, Record> records;
    for (const Target &target : std::as_const(m_targets)) {
        Record record = m_records.value(target.name);
        record.baseUrl = target.baseUrl;
        records.insert(target.name, record);
        if (m_pending.contains(target.name))
            continue;   // listed twice: polled once
        if (record.nextDue.isValid() && record.nextDue > now) {
            ++m_stats.skipped;
            continue;
        }
        Pending pending;
        pending.status.name = target.name;
        pending.status.lastSeen = record.lastSeen;
        m_pending.insert(target.name, pending);
        m_queue.enqueue({target.name, Endpoint::Health});
        m_queue.enqueue({target.name, Endpoint::Version});
        ++m_stats.polled;
    }
    m_records = records;   // names no longer polled are forgotten

    if (m_queue.isEmpty())
        finishCycle();
    else
        pump();
}

QNetworkAccessManager *HealthPoller::managerFor(int jobIndex)
{
    const int wanted = (m_maxInFlight + kConnectionsPerManager - 1) / kConnectionsPerManager;
    while (m_managers.size() < wanted) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_managers.append(manager);
    }
    return m_managers.at(jobIndex % wanted);
}

void HealthPoller::pump()
{
    while (m_inFlight < m_maxInFlight && !m_queue.isEmpty())
        send(m_queue.dequeue());
}

void HealthPoller::send(const Job &job)
{
    const Record &record = m_records[job.name];
    QNetworkRequest request(endpointUrl(record.baseUrl, job.endpoint == Endpoint::Health ? QStringLiteral("health")
                                                                                         : QStringLiteral("version")));
    request.setTransferTimeout(int(m_timeout.count()));
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("lockstep/" LOCKSTEP_VERSION));

    QNetworkReply *reply = managerFor(m_sent++)->get(request);
    ++m_inFlight;
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64) {
        if (received > kMaxBodyBytes) {
            reply->setProperty(kTooLargeProperty, true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, job] { handleReply(reply, job); });
}

QString HealthPoller::transportError(QNetworkReply *reply) const
{
    if (reply->property(kTooLargeProperty).toBool())
        return QStringLiteral("response larger than %1 KiB").arg(kMaxBodyBytes / 1024);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("connection closed without a response");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        // Only the transfer timeout cancels a request while this poller runs (stop() deletes them).
        return QStringLiteral("timeout after %1").arg(durationText(m_timeout));
    default:
        return reply->errorString();
    }
}

void HealthPoller::handleReply(QNetworkReply *reply, const Job &job)
{
    reply->deleteLater();
    --m_inFlight;
    const auto it = m_pending.find(job.name);
    if (it != m_pending.end()) {
        Pending &pending = it.value();
        const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool tooLarge = reply->property(kTooLargeProperty).toBool();
        if (httpStatus > 0 && !tooLarge)
            pending.answered = true;
        if (job.endpoint == Endpoint::Health)
            readHealth(pending, reply, tooLarge ? 0 : httpStatus);
        else
            readVersion(pending, reply, tooLarge ? 0 : httpStatus);
        if (--pending.remaining == 0)
            complete(job.name);
    }
    if (!m_polling)
        return;   // stop() was called from a slot connected to our signals
    pump();
    if (m_queue.isEmpty() && m_inFlight == 0)
        finishCycle();
}

void HealthPoller::readHealth(Pending &pending, QNetworkReply *reply, int httpStatus)
{
    InstanceStatus &status = pending.status;
    if (httpStatus == 0) {
        status.health = Health::Down;
        pending.healthError = transportError(reply);
        return;
    }
    pending.healthReached = true;
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    status.healthText = body.value(QStringLiteral("status")).toString();
    status.maintenance = body.value(QStringLiteral("maintenance")).toBool()
        || status.healthText == QLatin1String("maintenance");
    if (httpStatus < 200 || httpStatus > 299) {
        status.health = Health::Unhealthy;
        pending.healthError = status.healthText.isEmpty()
            ? QStringLiteral("HTTP %1").arg(httpStatus)
            : QStringLiteral("HTTP %1 (%2)").arg(httpStatus).arg(status.healthText.left(64));
        return;
    }
    // A 200 without a JSON status (plain "OK") is healthy; a status other than ok/maintenance is not.
    if (status.healthText.isEmpty() || status.healthText == QLatin1String("ok") || status.maintenance) {
        status.health = Health::Healthy;
    } else {
        status.health = Health::Unhealthy;
        pending.healthError = QStringLiteral("health reports \"%1\"").arg(status.healthText.left(64));
    }
}

void HealthPoller::readVersion(Pending &pending, QNetworkReply *reply, int httpStatus)
{
    if (httpStatus == 0) {
        pending.versionError = QStringLiteral("version: ") + transportError(reply);
        return;
    }
    if (httpStatus != 200) {
        pending.versionError = QStringLiteral("version: HTTP %1").arg(httpStatus);
        return;
    }
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    const QJsonValue version = body.value(QStringLiteral("version"));
    if (!version.isString()) {
        pending.versionError = QStringLiteral("version: no \"version\" string in the response");
        return;
    }
    const Result<SemVer> parsed = SemVer::parse(version.toString());
    if (!parsed) {
        pending.versionError = QStringLiteral("refused version: ") + parsed.error().message;
        return;
    }
    pending.status.version = parsed->toString();
    if (body.value(QStringLiteral("schema")).isDouble())
        pending.status.schemaVersion = body.value(QStringLiteral("schema")).toInt();
}

void HealthPoller::complete(const QString &name)
{
    Pending pending = m_pending.take(name);
    InstanceStatus &status = pending.status;
    Record &record = m_records[name];
    const QDateTime now = Clock::instance().now();
    status.checkedAt = now;
    if (pending.answered)
        record.lastSeen = now;
    status.lastSeen = record.lastSeen;

    if (pending.healthReached || pending.answered) {
        record.failures = 0;
        record.nextDue = {};
    } else {
        // No answer at all: wait interval, 2x, 4x ... (capped) before asking this host again.
        ++record.failures;
        const auto first = m_backoffFirst.count() > 0 ? m_backoffFirst : m_interval;
        const int shift = std::min(record.failures - 1, 20);
        const qint64 wait = std::min<qint64>(first.count() << shift, m_backoffCap.count());
        record.nextDue = now.addMSecs(wait);
    }
    status.consecutiveFailures = record.failures;
    status.nextPoll = record.nextDue.isValid() ? record.nextDue : now.addMSecs(m_interval.count());
    status.error = joinErrors(pending.healthError, pending.versionError);

    switch (status.health) {
    case Health::Healthy: ++m_stats.healthy; break;
    case Health::Unhealthy: ++m_stats.unhealthy; break;
    case Health::Down: ++m_stats.down; break;
    case Health::Unknown: break;
    }
    if (status.version.isEmpty())
        ++m_stats.versionErrors;
    emit instanceUpdated(status);
}

void HealthPoller::finishCycle()
{
    m_polling = false;
    m_stats.elapsedMs = m_cycleClock.elapsed();
    const PollCycleStats stats = m_stats;
    emit pollCycleFinished(stats);
    if (m_running && !m_polling && !m_nextCycle.isActive())
        m_nextCycle.start(m_interval);
}

} // namespace lockstep
