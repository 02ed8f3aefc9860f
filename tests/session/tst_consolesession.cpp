#include "app/core/Settings.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/identity/OperatorIdentity.h"
#include "app/runbook/RunbookLoader.h"
#include "app/session/ConsoleSession.h"
#include "models/Clock.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "ui/monitoring/MonitoringSources.h"

#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

namespace {

// A minor change skips the step written for major upgrades only; the demo time scale shortens the
// observation. A view that decodes the stored plan without either shows a run that never was.
const char *kRunbook = R"(runbook: conditioned
product: demo
strategy:
  waves: [{count: 1, name: canary}, {percent: 100}]
  between_waves: {observe: 10m, then: approve}
steps:
  - {id: backup, local: "true"}
  - {id: migrate-schema, local: "true", when: change == major}
  - {id: upgrade, local: "true"}
)";

QStringList stepIds(const Plan &plan)
{
    QStringList out;
    for (const StepSpec &s : plan.runbook.steps)
        out << s.id;
    return out;
}

} // namespace

// The console's and the CLI's one session on a store: who acts, lease expiry, and "the plan of run N"
// as every view shows it.
class TestConsoleSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        Settings::createTemporary();
    }

    void theOperatorIsResolvedOnceWhenTheStoreOpens()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        qputenv("LOCKSTEP_TEST_OPERATOR", "carol");
        QCOMPARE(session.operatorName(), QStringLiteral("carol"));   // before a store: what it will be
        ConsoleSession::Options options;
        options.assertedOperator = QStringLiteral("dave");
        QVERIFY(session.open(dir.filePath(QStringLiteral("lockstep.db")), options).ok());
        qunsetenv("LOCKSTEP_TEST_OPERATOR");
        QCOMPARE(session.operatorName(), QStringLiteral("dave"));
        QCOMPARE(session.identity()->source(), OperatorIdentity::Source::Asserted);
        QCOMPARE(session.runtime()->identity().name(), QStringLiteral("dave"));
        // One desktop (SQLite): leases never expire, so a crashed console's run waits for recovery.
        QCOMPARE(session.runtime()->leases().expiry().count(), 0);
    }

    void thePlanOfAStoredRunIsTheOneItRuns()
    {
        QTemporaryDir dir;
        ConsoleSession session;
        session.setLeaseTimeout(std::chrono::milliseconds(4000));
        QVERIFY(session.openStore(dir.filePath(QStringLiteral("lockstep.db"))).ok());
        QCOMPARE(session.runtime()->leases().expiry().count(), 4000);

        PlanRequest request;
        auto runbook = RunbookLoader::loadString(QString::fromUtf8(kRunbook), QStringLiteral("conditioned.yaml"));
        QVERIFY2(runbook, runbook ? "" : qPrintable(runbook.error().toString()));
        request.runbooks << *runbook;
        for (const QString &name : {QStringLiteral("a"), QStringLiteral("b")}) {
            Instance i;
            i.name = name;
            i.product = QStringLiteral("demo");
            i.currentVersion = QStringLiteral("1.0.0");
            request.instances << i;
        }
        request.targetVersion = QStringLiteral("1.1.0");
        request.timeScale = 20;
        auto plan = Planner::plan(request, Clock::instance().now());
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().toString()));
        plan->runbookSource = QString::fromUtf8(kRunbook);
        QVERIFY(session.createRun(*plan, session.operatorName()).ok());
        const qint64 runId = session.run()->runId();
        const QStringList runs = stepIds(session.run()->plan());
        QCOMPARE(runs, (QStringList{QStringLiteral("backup"), QStringLiteral("upgrade")}));

        auto stored = session.planOf(runId);
        QVERIFY2(stored, stored ? "" : qPrintable(stored.error().toString()));
        QCOMPARE(stepIds(*stored), runs);
        QCOMPARE(stored->runbook.strategy.observe.count(), session.run()->plan().runbook.strategy.observe.count());
        // The monitoring view charts the same run (it used to decode the plan without the conditions).
        auto monitored = MonitoringSources::loadRun(session.runtime()->runs(), runId);
        QVERIFY2(monitored, monitored ? "" : qPrintable(monitored.error().toString()));
        QCOMPARE(stepIds(monitored->plan), runs);
        QCOMPARE(monitored->plan.runbook.strategy.observe.count(), session.run()->plan().runbook.strategy.observe.count());
    }
};

QTEST_MAIN(TestConsoleSession)
#include "tst_consolesession.moc"
