#include "app/discovery/HealthPoller.h"

#include "app/core/BoundedBody.h"
#include "app/core/RemoteText.h"
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

// Whether Qt delivered the whole body: no error, or an HTTP status Qt maps to an error code (the body
// of a 404 or 503 is complete). A timeout, an abort or a connection closed mid-body is not.
bool bodyComplete(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::NoError || (error >= QNetworkReply::ContentAccessDenied && error <= 299)
        || (error >= QNetworkReply::InternalServerError && error <= 499);
}

} // namespace

struct HealthPoller::Answer
{
    int httpStatus = 0;        // 0: no HTTP response at all
    QByteArray body;           // complete bodies only
    QString incomplete;        // why the body is not complete, when a status arrived but the body did not
    QString transportError;    // when no usable response arrived
};

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
    if (!isPolling())
        startCycle();
    else
        m_nextCycle.start(m_interval);   // a pollOnce() cycle is running: the schedule starts now
}

void HealthPoller::stop()
{
    m_running = false;
    m_nextCycle.stop();
    m_queue.clear();
    m_pending.clear();
    m_cycles.clear();
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
    if (isPolling())
        return false;
    startCycle();
    return true;
}

void HealthPoller::startCycle()
{
    const int id = ++m_lastCycle;
    Cycle &cycle = m_cycles[id];
    cycle.stats.started = Clock::instance().now();
    cycle.clock.start();
    // Fixed rate: the next cycle is due one interval after this one started, however long this
    // one's slowest host takes.
    if (m_running)
        m_nextCycle.start(m_interval);

    const QDateTime now = cycle.stats.started;
    QHash<QString, Record> records;
    for (const Target &target : std::as_const(m_targets)) {
        Record record = m_records.value(target.name);
        record.baseUrl = target.baseUrl;
        const bool listedTwice = records.contains(target.name);
        records.insert(target.name, record);
        if (listedTwice)
            continue;   // polled once
        if (m_pending.contains(target.name)) {
            ++cycle.stats.stillBusy;   // an earlier cycle is still asking it
            continue;
        }
        if (record.nextDue.isValid() && record.nextDue > now) {
            ++cycle.stats.skipped;
            continue;
        }
        Pending pending;
        pending.cycle = id;
        pending.status.name = target.name;
        pending.status.lastSeen = record.lastSeen;
        m_pending.insert(target.name, pending);
        m_queue.enqueue({target.name, Endpoint::Health});
        m_queue.enqueue({target.name, Endpoint::Version});
        ++cycle.stats.polled;
        ++cycle.remaining;
    }
    // Names no longer listed are forgotten, except those still being asked (their answer needs it).
    for (auto it = m_records.cbegin(); it != m_records.cend(); ++it)
        if (!records.contains(it.key()) && m_pending.contains(it.key()))
            records.insert(it.key(), it.value());
    m_records = records;

    if (cycle.remaining == 0)
        finishCycle(id);
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
    const bool health = job.endpoint == Endpoint::Health;
    QNetworkRequest request(endpointUrl(record.baseUrl, health ? QStringLiteral("health") : QStringLiteral("version")));
    request.setTransferTimeout(int(m_timeout.count()));
    request.setRawHeader("Accept", "application/json");
    // Named here so Qt leaves a gzip body encoded: BoundedBody decodes it under the size limit.
    request.setRawHeader("Accept-Encoding", "gzip");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("lockstep/" LOCKSTEP_VERSION));

    QNetworkReply *reply = managerFor(m_sent++)->get(request);
    ++m_inFlight;
    const QString what = QStringLiteral("%1 response").arg(health ? QStringLiteral("health") : QStringLiteral("version"));
    auto body = std::make_shared<BoundedBody>(kMaxBodyBytes, what);
    auto cut = std::make_shared<QString>();   // why we aborted the reply, if we did
    auto abortWith = [reply, cut](const QString &reason) {
        if (!cut->isEmpty())
            return;
        *cut = reason;
        reply->abort();
    };
    auto begin = [reply, body, abortWith] {
        if (body->begun())
            return;
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const Status begun = body->begin(reply->rawHeader("Content-Encoding"), length.isValid() ? length.toLongLong() : -1);
        if (!begun)
            abortWith(begun.error().message);
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, begin);
    connect(reply, &QNetworkReply::readyRead, this, [reply, body, cut, begin, abortWith] {
        begin();
        if (!cut->isEmpty())
            return;
        const Status appended = body->append(reply->readAll());
        if (!appended)
            abortWith(appended.error().message);
    });
    // The transfer timeout only measures silence; this deadline holds for the whole request.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [this, abortWith] {
        abortWith(QStringLiteral("timeout after %1").arg(durationText(m_timeout)));
    });
    deadline->start(m_timeout);
    connect(reply, &QNetworkReply::finished, this, [this, reply, job, body, cut] {
        Answer answer;
        answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QString problem = *cut;
        if (problem.isEmpty() && bodyComplete(reply->error())) {
            Status read = body->append(reply->readAll());
            if (read)
                read = body->finish();
            if (!read)
                problem = read.error().message;
        } else if (problem.isEmpty()) {
            problem = transportError(reply);
        }
        if (problem.isEmpty())
            answer.body = body->take();
        else if (answer.httpStatus > 0)
            answer.incomplete = problem;
        else
            answer.transportError = problem;
        handleReply(reply, job, answer);
    });
}

QString HealthPoller::transportError(QNetworkReply *reply) const
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() > 0
            ? QStringLiteral("connection closed before the end of the body")
            : QStringLiteral("connection closed without a response");
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

void HealthPoller::handleReply(QNetworkReply *reply, const Job &job, const Answer &answer)
{
    reply->disconnect(this);
    reply->deleteLater();
    --m_inFlight;
    const auto it = m_pending.find(job.name);
    if (it != m_pending.end()) {
        Pending &pending = it.value();
        if (answer.httpStatus > 0)
            pending.answered = true;   // it answered, even if the body then stalled: no back-off
        if (job.endpoint == Endpoint::Health)
            readHealth(pending, answer);
        else
            readVersion(pending, answer);
        if (--pending.remaining == 0)
            complete(job.name);
    }
    if (!isPolling())
        return;   // stop() was called from a slot connected to our signals
    pump();
}

void HealthPoller::readHealth(Pending &pending, const Answer &answer)
{
    InstanceStatus &status = pending.status;
    if (answer.httpStatus == 0) {
        status.health = Health::Down;
        pending.healthError = answer.transportError;
        return;
    }
    pending.healthReached = true;
    if (!answer.incomplete.isEmpty()) {
        // Headers that say 200 prove nothing when the body never arrives in full.
        status.health = Health::Unhealthy;
        pending.healthError = QStringLiteral("HTTP %1 but the body did not arrive in full: %2")
                                  .arg(QString::number(answer.httpStatus), answer.incomplete);
        return;
    }
    const int httpStatus = answer.httpStatus;
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
    status.healthText = body.value(QStringLiteral("status")).toString();
    status.maintenance = body.value(QStringLiteral("maintenance")).toBool()
        || status.healthText == QLatin1String("maintenance");
    if (httpStatus < 200 || httpStatus > 299) {
        status.health = Health::Unhealthy;
        pending.healthError = status.healthText.isEmpty()
            ? QStringLiteral("HTTP %1").arg(httpStatus)
            : QStringLiteral("HTTP %1 (%2)").arg(QString::number(httpStatus), status.healthText.left(64));
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

void HealthPoller::readVersion(Pending &pending, const Answer &answer)
{
    if (answer.httpStatus == 0) {
        pending.versionError = QStringLiteral("version: ") + answer.transportError;
        return;
    }
    if (!answer.incomplete.isEmpty()) {
        pending.versionError = QStringLiteral("version: the body did not arrive in full: ") + answer.incomplete;
        return;
    }
    if (answer.httpStatus != 200) {
        pending.versionError = QStringLiteral("version: HTTP %1").arg(answer.httpStatus);
        return;
    }
    const QJsonObject body = QJsonDocument::fromJson(answer.body).object();
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
    // The host chose these texts: no control or bidi character reaches the log or the table.
    status.error = neutralisedRemoteText(joinErrors(pending.healthError, pending.versionError));
    status.healthText = neutralisedRemoteText(status.healthText);

    const int id = pending.cycle;
    if (const auto cycle = m_cycles.find(id); cycle != m_cycles.end()) {
        PollCycleStats &stats = cycle->stats;
        switch (status.health) {
        case Health::Healthy: ++stats.healthy; break;
        case Health::Unhealthy: ++stats.unhealthy; break;
        case Health::Down: ++stats.down; break;
        case Health::Unknown: break;
        }
        if (status.version.isEmpty())
            ++stats.versionErrors;
        --cycle->remaining;
    }
    emit instanceUpdated(status);
    // Looked up again: a slot of instanceUpdated may have stopped the poller.
    if (const auto cycle = m_cycles.find(id); cycle != m_cycles.end() && cycle->remaining == 0)
        finishCycle(id);
}

void HealthPoller::finishCycle(int id)
{
    Cycle cycle = m_cycles.take(id);
    cycle.stats.elapsedMs = cycle.clock.elapsed();
    emit pollCycleFinished(cycle.stats);
}

} // namespace lockstep
