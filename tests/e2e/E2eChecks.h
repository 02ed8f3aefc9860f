#pragma once

#include "tests/e2e/E2eFleet.h"

#include <QDateTime>
#include <QElapsedTimer>
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

    // The run id lockstep-cli printed ("run 3 created by alice").
    static QString runId(const CliResult &r)
    {
        const auto m = QRegularExpression(QStringLiteral("run (\\d+) created by")).match(r.output);
        return m.hasMatch() ? m.captured(1) : QString();
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
