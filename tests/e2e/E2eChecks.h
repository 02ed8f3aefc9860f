#pragma once

#include "tests/e2e/E2eFleet.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
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
