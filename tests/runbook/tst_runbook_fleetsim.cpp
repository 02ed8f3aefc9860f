#include "app/runbook/RunbookLoader.h"
#include "app/runbook/Templater.h"
#include "app/transport/HttpStepExecution.h"
#include "tests/support/FleetSim.h"
#include "tests/support/TestPaths.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

// The http steps of the platform runbook, rendered by the Templater and run by HttpStepExecution
// against a real lockstep-fleetsim: the path a run takes, minus the executor.
class TestRunbookFleetSim : public QObject
{
    Q_OBJECT

private:
    struct Ran
    {
        CommandOutcome outcome;
        QStringList lines;
        bool finished = false;
    };

    Ran runStep(Templater &templater, const QString &stepId)
    {
        Ran ran;
        const StepSpec *step = m_runbook.findStep(stepId);
        if (!step) {
            ran.outcome.error = QStringLiteral("no step %1").arg(stepId);
            return ran;
        }
        const auto request = templater.renderHttp(*step);
        if (!request) {
            ran.outcome.error = request.error().toString();
            return ran;
        }
        QObject owner;
        auto *execution = new HttpStepExecution(*request, &m_network, &owner);
        connect(execution, &CommandExecution::outputLine, &owner, [&ran](OutputStream, const QString &l) { ran.lines.append(l); });
        connect(execution, &CommandExecution::finished, &owner, [&ran](const CommandOutcome &o) {
            ran.outcome = o;
            ran.finished = true;
        });
        QDeadlineTimer deadline(60000);
        while (!ran.finished && !deadline.hasExpired())
            QTest::qWait(10);
        return ran;
    }

    Templater templaterFor(const QString &instanceName, const QString &target)
    {
        TemplateContext context;
        context.instance.name = instanceName;
        context.instance.product = QStringLiteral("webwaka-platform");
        context.instance.baseUrl = m_sim.instanceUrl(instanceName);
        context.instance.apiUrl = m_sim.apiUrl();
        context.instance.currentVersion = QStringLiteral("1.4.2");
        context.version = target;
        context.previousVersion = QStringLiteral("1.4.2");
        context.change = ChangeClass::Minor;
        context.secrets.insert(QStringLiteral("api_token"), QStringLiteral("tok-for-the-sim"));
        auto t = Templater::create(context);
        if (!t)
            qFatal("%s", qPrintable(t.error().toString()));
        return std::move(t).value();
    }

    FleetSim m_sim;
    QNetworkAccessManager m_network;
    Runbook m_runbook;

private slots:
    void initTestCase()
    {
        const QString failure = m_sim.start({QStringLiteral("--instances"), QStringLiteral("3"), QStringLiteral("--upgrade-ms"),
                                             QStringLiteral("300"), QStringLiteral("--backup-ms"), QStringLiteral("200")});
        if (!failure.isEmpty())
            QFAIL(qPrintable(failure));
        const auto rb = RunbookLoader::loadFile(sourceDir() + QStringLiteral("/tests/runbook/valid/platform-instance-upgrade.yaml"));
        QVERIFY2(rb.ok(), qPrintable(rb.ok() ? QString() : rb.error().toString()));
        m_runbook = *rb;
    }

    void upgradeStepsAgainstTheSimulator()
    {
        Templater t = templaterFor(QStringLiteral("node-0001"), QStringLiteral("1.5.0"));
        for (const char *id : {"backup", "backup-verified", "prechecks", "maintenance-on", "maintenance-verified", "migrate",
                               "deploy", "healthy", "running-version", "maintenance-off-step"}) {
            const Ran ran = runStep(t, QLatin1String(id));
            QVERIFY2(ran.finished, id);
            QVERIFY2(ran.outcome.succeeded(), qPrintable(QStringLiteral("%1: %2\n%3").arg(QLatin1String(id), ran.outcome.error,
                                                                                           ran.lines.join(QLatin1Char('\n')))));
            QVERIFY(!ran.lines.isEmpty());
        }
        const auto state = m_sim.get(QStringLiteral("/api/instances/node-0001"));
        QCOMPARE(state.status, 200);
        QCOMPARE(state.json().toObject().value(QStringLiteral("version")).toString(), QStringLiteral("1.5.0"));
        QCOMPARE(state.json().toObject().value(QStringLiteral("maintenanceMode")).toBool(), false);
    }

    void refusedUpgradeSaysWhy()
    {
        // 9.9.9 is valid SemVer but not a release: the simulator answers 400 and the step says so.
        Templater t = templaterFor(QStringLiteral("node-0002"), QStringLiteral("9.9.9"));
        const Ran ran = runStep(t, QStringLiteral("deploy"));
        QVERIFY(ran.finished);
        QCOMPARE(ran.outcome.kind, CommandOutcome::Kind::Exited);
        QCOMPARE(ran.outcome.exitCode, 1);
        QVERIFY2(ran.outcome.error.startsWith(QStringLiteral("expected status 200 or 202, got 400 from POST %1/instances/node-0002/upgrade")
                                                  .arg(m_sim.apiUrl().toString())),
                 qPrintable(ran.outcome.error));
        for (const QString &line : ran.lines)
            QVERIFY(!line.contains(QLatin1String("tok-for-the-sim")));
    }

    void healthPollingGivesUpOnADownInstance()
    {
        QVERIFY(m_sim.inject(QStringLiteral("node-0003"), QStringLiteral("down")));
        Templater t = templaterFor(QStringLiteral("node-0003"), QStringLiteral("1.5.0"));
        StepSpec healthy = *m_runbook.findStep(QStringLiteral("healthy"));
        healthy.within = std::chrono::milliseconds(800);
        healthy.pollInterval = std::chrono::milliseconds(100);
        const auto request = t.renderHttp(healthy);
        QVERIFY(request.ok());
        QObject owner;
        auto *execution = new HttpStepExecution(*request, &m_network, &owner);
        CommandOutcome outcome;
        bool finished = false;
        connect(execution, &CommandExecution::finished, &owner, [&](const CommandOutcome &o) {
            outcome = o;
            finished = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(finished, 20000);
        QCOMPARE(outcome.kind, CommandOutcome::Kind::TimedOut);
        QVERIFY(execution->attempts() >= 2);
        QVERIFY(m_sim.inject(QStringLiteral("node-0003"), QStringLiteral("none")));
    }
};

QTEST_GUILESS_MAIN(TestRunbookFleetSim)
#include "tst_runbook_fleetsim.moc"
