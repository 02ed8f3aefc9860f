#pragma once

#include "tests/support/PeerProcess.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace lockstep::test {

// A real lockstep-fleetsim for a test (docs/fleetsim.md lists its endpoints and flags).
//
//     FleetSim sim;
//     if (const QString failure = sim.start({QStringLiteral("--instances"), QStringLiteral("10")}); !failure.isEmpty())
//         QFAIL(qPrintable(failure));
//     poller.setInstances(... sim.instanceUrl(QStringLiteral("node-0001")) ...);
//     QVERIFY(sim.inject(QStringLiteral("node-0002"), QStringLiteral("down")));
//
// The simulator listens on 127.0.0.1 on a port it picks itself and reports through --port-file, so
// there is no race for a free port. It is stopped when the object goes away.
class FleetSim
{
public:
    FleetSim() = default;
    ~FleetSim();
    FleetSim(const FleetSim &) = delete;
    FleetSim &operator=(const FleetSim &) = delete;

    // Starts lockstep-fleetsim with `args` added (e.g. {"--demo"}, {"--instances", "1000"},
    // {"--upgrade-ms", "300"}, {"--inject", "node-0002=down"}); without --instances it runs the demo fleet.
    // Returns an empty string once it serves requests, otherwise a message for QFAIL that includes
    // the simulator's output.
    QString start(const QStringList &args = {});
    void stop();
    bool isRunning() const { return m_process.isRunning(); }

    quint16 port() const { return m_port; }
    QUrl baseUrl() const;                             // http://127.0.0.1:PORT
    QUrl instanceUrl(const QString &name) const;      // .../i/NAME  (health, version, metrics below it)
    QUrl apiUrl() const;                              // .../api     ({{instance.api}} in runbooks)
    QUrl feedUrl(const QString &product) const;       // .../feeds/PRODUCT/releases.json
    QUrl inventoryUrl() const;                        // .../inventory.yaml

    // Synchronous HTTP for test set-up and checks: spins an event loop for at most timeoutMs.
    struct Response
    {
        int status = 0;          // 0 when no HTTP response arrived (see error)
        QByteArray body;
        QString error;
        QJsonValue json() const; // the body parsed as JSON (undefined if it is not)
    };
    Response get(const QString &path, int timeoutMs = 10000) const;
    Response post(const QString &path, const QJsonObject &body = {}, int timeoutMs = 10000) const;
    Response request(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                     int timeoutMs = 10000) const;
    // The same request to any URL (another peer of a test speaks the same JSON over HTTP).
    static Response fetch(const QUrl &url, const QByteArray &verb, const QByteArray &body = {}, int timeoutMs = 10000);

    // Admin hooks; each returns true when the simulator accepted the change.
    // fault: "down" (connection closed without a response), "slow" (answer after delayMs),
    // "error500", "none". instance may be "*" for every instance.
    bool inject(const QString &instance, const QString &fault, int delayMs = 0) const;
    bool setReleaseBad(const QString &product, const QString &version, bool bad = true) const;
    // Makes a release's error rate and latency `factor` times a good release's (1: back to normal).
    bool setReleaseDegradation(const QString &product, const QString &version, double factor) const;
    // Makes NAME's /version report `raw` verbatim (e.g. "1.2.3; rm -rf /").
    bool setHostileVersion(const QString &instance, const QString &raw) const;
    // Appends an entry with version `raw` to PRODUCT's releases feed.
    bool addHostileRelease(const QString &product, const QString &raw) const;

    QString output() const { return m_process.output(); }
    PeerProcess &process() { return m_process; }

private:

    PeerProcess m_process;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
};

} // namespace lockstep::test
