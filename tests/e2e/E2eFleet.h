#pragma once

#include "tests/support/FleetSim.h"
#include "tests/support/Prometheus.h"
#include "tests/support/Sshd.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <vector>

namespace lockstep::test {

// What one `lockstep-cli` invocation did.
struct CliResult
{
    int exitCode = -1;          // -1: did not finish in time or crashed
    QString output;             // stdout + stderr, interleaved
    bool has(const QString &text) const { return output.contains(text); }
    int count(const QString &text) const { return int(output.count(text)); }
    // What a failed run says: the lines that report failures (they may be far back in a long run) and
    // the end of the output. QtTest cuts long failure messages short, so both are kept brief.
    QString tail() const
    {
        QStringList failures;
        for (const QString &line : output.split(QLatin1Char('\n')))
            if (line.contains(QLatin1String(" failed")) || line.contains(QLatin1String("timed-out"))
                || line.contains(QLatin1String("refused")))
                failures << line.left(300);
        const QString head = failures.isEmpty() ? QString()
                                                : QStringLiteral("failures:\n") + failures.mid(0, 6).join(QLatin1Char('\n'))
                                                      + QStringLiteral("\n---\n");
        return head + output.right(900);
    }
};

// The demo fleet of lockstep-fleetsim (fast upgrades and backups), one real sshd per instance that
// takes ssh steps (a host of its own: it tells the shims which instance it is through sshd's SetEnv),
// tests/shims first on PATH for local and remote commands, an inventory and ssh_config pointing at all
// of it, a store, and on request a Prometheus scraping the fleet; `cli()` runs lockstep-cli against them.
class E2eFleet
{
public:
    E2eFleet();
    ~E2eFleet();
    E2eFleet(const E2eFleet &) = delete;
    E2eFleet &operator=(const E2eFleet &) = delete;

    // Starts fleetsim --demo and an sshd for each of `sshInstances`; empty on success, else why.
    QString start(const QStringList &sshInstances = {}, const QStringList &fleetsimArgs = {});

    // A real Prometheus scraping these instances (every 250 ms, `instance` label = the name); from then
    // on run and plan get `--prometheus` (unless usePrometheus(false)). Empty on success, else why.
    QString startPrometheus(const QStringList &instances);
    void usePrometheus(bool use) { m_usePrometheus = use; }
    Prometheus &prometheus() { return m_prometheus; }

    FleetSim &sim() { return m_sim; }
    QString dir() const { return m_dir.path(); }
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString inventory() const { return path(QStringLiteral("inventory.yaml")); }
    QString database() const { return path(QStringLiteral("lockstep.db")); }
    QString shimLog() const { return path(QStringLiteral("shims.log")); }
    QString shimsDir() const;

    // Re-reads fleetsim's inventory (after a channel change) and adds the ssh aliases.
    QString refreshInventory();

    // lockstep-cli ARGS with the store, inventory and ssh files of this fleet added for run/plan (and a
    // maintenance window around now for run, unless ARGS give --window);
    // `onLine` sees each output line as it arrives (to inject a fault at a given moment).
    CliResult cli(const QStringList &args, int timeoutMs = 90000,
                  const std::function<void(const QString &)> &onLine = {}, const QMap<QString, QString> &env = {});

    QJsonObject instance(const QString &name) const;
    QString version(const QString &name) const;
    QStringList shimCalls() const;          // lines of the shim log: "INSTANCE SHIM ARGS"

private:
    QTemporaryDir m_dir;
    FleetSim m_sim;
    std::vector<std::unique_ptr<Sshd>> m_sshds;
    Prometheus m_prometheus;
    bool m_prometheusStarted = false;
    bool m_usePrometheus = false;
    QStringList m_sshInstances;
};

} // namespace lockstep::test
