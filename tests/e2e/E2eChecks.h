#pragma once

#include "tests/e2e/E2eFleet.h"
#include "tests/e2e/FastRunbook.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

namespace lockstep::test {

// Helpers the end-to-end tests share.
struct E2eChecks
{
    // --window covering now, for runbooks with maintenance_window: required.
    static QString windowNow()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        return now.addSecs(-3600).toString(Qt::ISODate) + QLatin1Char('/') + now.addSecs(7200).toString(Qt::ISODate);
    }

    // The commit of a release in the git stand-in's checkout (tests/shims/git): the SHA-1 of
    // "PRODUCT@VERSION", abbreviated as `git rev-parse --short` does.
    static QString releaseSha(const QString &product, const QString &version)
    {
        return QString::fromLatin1(QCryptographicHash::hash((product + QLatin1Char('@') + version).toUtf8(), QCryptographicHash::Sha1)
                                       .toHex()
                                       .left(7));
    }

    // The run id lockstep-cli printed ("run 3 created by alice").
    static QString runId(const CliResult &r)
    {
        const auto m = QRegularExpression(QStringLiteral("run (\\d+) created by")).match(r.output);
        return m.hasMatch() ? m.captured(1) : QString();
    }

    // The platform procedure's set-up: the fleet with `hosts`, the fast copy of its runbook, the
    // config directory the runbook backs up, and step 1 of the document (the backup the checklist
    // verifies) on every host. Returns what failed, or nothing.
    static QString preparePlatform(E2eFleet &fleet, const QStringList &hosts, QString *runbook)
    {
        if (const QString failure = fleet.start(hosts); !failure.isEmpty())
            return failure;
        QString error;
        *runbook = FastRunbook::write(QStringLiteral("platform-instance-upgrade"), fleet.dir(), &error);
        if (runbook->isEmpty())
            return error;
        if (!QDir().mkpath(fleet.path(QStringLiteral("config"))))
            return QStringLiteral("cannot create %1").arg(fleet.path(QStringLiteral("config")));
        QFile config(fleet.path(QStringLiteral("config/config.json")));
        if (!config.open(QIODevice::WriteOnly) || config.write("{\"release\":\"1.4.2\"}\n") <= 0)
            return QStringLiteral("cannot write %1").arg(config.fileName());
        config.close();
        for (const QString &h : hosts)
            if (!backup(fleet.sim(), h))
                return QStringLiteral("the backup of %1 did not complete").arg(h);
        return {};
    }

    // Takes a backup through the control-plane API and waits (bounded) until it is completed.
    static bool backup(FleetSim &sim, const QString &instance)
    {
        if (sim.post(QStringLiteral("/api/instances/%1/backup").arg(instance)).status != 202)
            return false;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            const QJsonArray list = sim.get(QStringLiteral("/api/instances/%1/backups").arg(instance)).json().toArray();
            if (!list.isEmpty() && list.first().toObject().value(QStringLiteral("status")).toString() == QLatin1String("completed"))
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    // Lockstep's audit trail, read back with `lockstep-cli audit export --format json`.
    static QList<QJsonObject> auditEvents(E2eFleet &fleet, QString *raw = nullptr)
    {
        const CliResult r = fleet.cli({QStringLiteral("audit"), QStringLiteral("export"), QStringLiteral("--format"),
                                       QStringLiteral("json")});
        if (raw)
            *raw = r.output;
        QList<QJsonObject> out;
        const QJsonArray events = QJsonDocument::fromJson(r.output.toUtf8()).object().value(QStringLiteral("events")).toArray();
        for (const QJsonValue &v : events)
            out << v.toObject();
        return out;
    }

    // Events with `action` (and `instance`, when given) whose reason or result contains `text`.
    static int audited(const QList<QJsonObject> &events, const QString &action, const QString &instance = {},
                       const QString &text = {})
    {
        int n = 0;
        for (const QJsonObject &e : events)
            if (e.value(QStringLiteral("action")).toString() == action
                && (instance.isEmpty() || e.value(QStringLiteral("instance")).toString() == instance)
                && (text.isEmpty() || e.value(QStringLiteral("reason")).toString().contains(text)
                    || e.value(QStringLiteral("result")).toString().contains(text)))
                ++n;
        return n;
    }

    // fleetsim's own audit log entries with `action` for `instance` (the platform's POST /audit-logs).
    static int platformAuditEntries(FleetSim &sim, const QString &action, const QString &instance)
    {
        int n = 0;
        for (const QJsonValue &v : sim.get(QStringLiteral("/api/audit-logs")).json().toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("action")).toString() == action
                && o.value(QStringLiteral("resource")).toObject().value(QStringLiteral("id")).toString() == instance)
                ++n;
        }
        return n;
    }
};

} // namespace lockstep::test
