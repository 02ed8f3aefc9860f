#pragma once

#include "tests/support/PeerProcess.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <chrono>
#include <optional>

namespace lockstep::test {

// A real Prometheus (Debian package `prometheus`) for a test: started on a free 127.0.0.1 port with a
// generated config that scrapes the given targets, each with its own metrics path and `instance` label.
//
//     Prometheus prom;
//     if (const QString failure = prom.start({{"node-0001", sim.instanceUrl("node-0001")}}); !failure.isEmpty())
//         QFAIL(qPrintable(failure));
//     const auto p95 = prom.queryValue("histogram_quantile(0.95, ...)");
//
// Stopped (and its data directory removed) when the object goes away.
class Prometheus
{
public:
    struct Target
    {
        QString instance;   // becomes the `instance` label
        QUrl baseUrl;       // the instance's base URL; Prometheus scrapes baseUrl + "/metrics"
    };

    Prometheus() = default;
    Prometheus(const Prometheus &) = delete;
    Prometheus &operator=(const Prometheus &) = delete;

    // Empty when Prometheus serves its API; otherwise a message for QFAIL (naming the Debian package
    // when the binary is missing, with Prometheus's output when it failed to start).
    QString start(const QList<Target> &targets, std::chrono::milliseconds scrapeInterval = std::chrono::seconds(1),
                  const QString &job = QStringLiteral("fleet"));
    void stop();

    QUrl baseUrl() const;
    quint16 port() const { return m_port; }
    QString output() const { return m_process.output(); }

    // Synchronous /api/v1/query for checks (event loop spinning, at most timeoutMs). The value of a
    // one-element vector or a scalar; nullopt (with `error` set) otherwise.
    std::optional<double> queryValue(const QString &promql, const QDateTime &time = {}, QString *error = nullptr,
                                     int timeoutMs = 10000) const;
    // Waits until every target has been scraped successfully at least `scrapes` times.
    bool waitForScrapes(int scrapes, int timeoutMs = 30000) const;

    static QString configYaml(const QList<Target> &targets, std::chrono::milliseconds scrapeInterval, const QString &job);

private:
    PeerProcess m_process;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    int m_targets = 0;
};

} // namespace lockstep::test
