#include "app/engine/EngineRuntime.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "tests/engine/FakeStepLauncher.h"
#include "tests/support/Sshd.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// One wave of two instances on the same host, one at a time; the budget would let the wave go on
// after one failure, so only the host-key rule can stop it.
const char *kRunbook = R"(
runbook: ssh-echo
product: demo
strategy:
  waves: [{percent: 100}]
  max_parallel: 1
  failure_budget: {max_failed: 1}
steps:
  - id: hello
    ssh: "echo hello"
    timeout: 30s
    retries: {count: 2, backoff: 100ms}
)";

} // namespace

class TestEngineHostKey : public QObject
{
    Q_OBJECT

private slots:
    void changedHostKeyFailsTheStepStopsTheWaveAndIsAudited()
    {
        const QString missing = Sshd::missingPrograms();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        Sshd sshd;
        const QString started = sshd.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));

        // known_hosts holds another key for this host: what a man in the middle looks like.
        const QString otherKey = sshd.generateKey(QStringLiteral("impostor"));
        QVERIFY(!otherKey.isEmpty());
        QFile pub(otherKey + QStringLiteral(".pub"));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QList<QByteArray> fields = pub.readAll().trimmed().split(' ');
        QVERIFY(fields.size() >= 2);
        const QString knownHosts = sshd.writeFile(
            QStringLiteral("stale_known_hosts"),
            QStringLiteral("[127.0.0.1]:%1 %2 %3\n").arg(sshd.port()).arg(QString::fromLatin1(fields.at(0)),
                                                                         QString::fromLatin1(fields.at(1))).toUtf8());

        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("lockstep.db")), QStringLiteral("engine-hostkey")).ok());
        RecordingAuditSink audit;
        EngineRuntime::Options options;
        options.ssh = sshd.clientOptions();
        options.ssh.knownHostsFile = knownHosts;
        EngineRuntime runtime(db, &audit, options);

        auto runbook = RunbookLoader::loadString(QString::fromUtf8(kRunbook), QStringLiteral("ssh-echo.yaml"));
        QVERIFY2(runbook.ok(), qPrintable(runbook.ok() ? QString() : runbook.error().toString()));
        QList<Instance> instances;
        for (const char *name : {"a", "b"}) {
            Instance i;
            i.name = QLatin1String(name);
            i.product = QStringLiteral("demo");
            i.sshTarget = sshd.target();
            i.currentVersion = QStringLiteral("1.0.0");
            instances << i;
        }
        PlanRequest request;
        request.runbooks = {*runbook};
        request.instances = instances;
        request.targetVersion = QStringLiteral("1.0.1");
        auto plan = Planner::plan(request, Clock::instance().now());
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
        plan->runbookSource = QString::fromUtf8(kRunbook);

        auto created = RunExecutor::create(*plan, QStringLiteral("alice"), runtime.services());
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy finished(run.get(), &RunExecutor::stepFinished);
        QVERIFY(run->start(QStringLiteral("alice")).ok());

        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 20000);
        // One attempt only: a changed key is never retried.
        QCOMPARE(finished.size(), 1);
        const auto result = finished.at(0).at(0).value<StepResult>();
        QCOMPARE(result.instance, QStringLiteral("a"));
        QCOMPARE(*result.outcome, StepOutcome::Failed);
        QVERIFY2(result.note.contains(sshd.hostFingerprint()), qPrintable(result.note));
        QCOMPARE(run->progress(QStringLiteral("a")).state, InstanceState::Failed);
        // The second instance of the wave never started although the budget allowed one failure.
        QCOMPARE(run->progress(QStringLiteral("b")).state, InstanceState::Pending);
        QVERIFY(audit.has(QStringLiteral("wave.stopped"), QStringLiteral("stopped"), QStringLiteral("a")));
        QTRY_VERIFY(audit.has(QStringLiteral("hostkey.changed"), QStringLiteral("refused"), sshd.target()));
        bool fingerprintAudited = false;
        for (const EngineAuditEntry &e : audit.entries)
            if (e.action == QLatin1String("hostkey.changed"))
                fingerprintAudited = e.evidence.value(QStringLiteral("fingerprint")).toString() == sshd.hostFingerprint();
        QVERIFY(fingerprintAudited);
    }
};

QTEST_GUILESS_MAIN(TestEngineHostKey)
#include "tst_engine_hostkey.moc"
