// Approval rules per wave approval on one desktop (SQLite): a runbook's `approval:` decides how many
// distinct operators approve a wave, whether the run's initiator may, and how long an approval counts.
// The engine enforces it for the GUI and the CLI alike; refusals and what is missing say who and why.
#include "app/engine/RunExecutor.h"
#include "app/identity/OperatorIdentity.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "tests/engine/EngineFixture.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// Three waves: canary, then half (two approvers; the rule given in the test), then the rest (the default).
Plan planWith(const QString &secondWaveRule, const QString &defaultRule = QStringLiteral("{by: 1}"))
{
    const QString yaml = QStringLiteral("runbook: approvals\nproduct: demo\nstrategy:\n  waves:\n"
                                        "    - {count: 1, name: canary}\n"
                                        "    - {percent: 50, name: half, approval: %1}\n"
                                        "    - {percent: 100, name: rest}\n"
                                        "  between_waves: {then: approve, approval: %2}\n"
                                        "steps:\n  - {id: upgrade, local: \"true\"}\n")
                             .arg(secondWaveRule, defaultRule);
    auto runbook = RunbookLoader::loadString(yaml, QStringLiteral("approvals.yaml"));
    if (!runbook)
        qFatal("%s", qPrintable(runbook.error().toString()));
    Plan plan = makePlan(*runbook, makeInstances(4));
    plan.runbookSource = yaml;
    return plan;
}

QString text(const Status &s)
{
    return s.ok() ? QString() : s.error().toString();
}

} // namespace

class TestWaveApproval : public QObject
{
    Q_OBJECT

private slots:
    void cleanup()
    {
        qunsetenv("LOCKSTEP_TEST_IDENTITIES");
        Clock::setInstance(nullptr);
    }

    // by: 2 — the first approval is recorded and the run keeps waiting, saying who else it needs; the same
    // operator twice is refused; a second operator starts the wave. Each approval keeps what was seen.
    void twoApproversForOneWave()
    {
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        EngineFixture f;
        const OperatorIdentity alice(QStringLiteral("alice"), OperatorIdentity::Source::Asserted, true);
        EngineServices services = f.services();
        services.identity = &alice;
        auto created = RunExecutor::create(planWith(QStringLiteral("{by: 2}")), QStringLiteral("alice"), services);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy approval(run.get(), &RunExecutor::approvalNeeded);
        QSignalSpy waves(run.get(), &RunExecutor::waveStarted);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(approval.wait(10000));
        QVERIFY2(approval.last().at(1).toString().contains(QStringLiteral("2 different approvers")),
                 qPrintable(approval.last().at(1).toString()));

        const Status first = run->approveNextWave(QStringLiteral("alice"), QStringLiteral("canary healthy"));
        QVERIFY2(first.ok(), qPrintable(text(first)));
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QCOMPARE(waves.size(), 1);
        QVERIFY2(run->note().contains(QStringLiteral("1 of 2 approvals; needs a second operator other than alice")), qPrintable(run->note()));

        const Status again = run->approveNextWave(QStringLiteral("alice"), QStringLiteral("me again"));
        QVERIFY(!again.ok());
        QVERIFY2(again.error().message.contains(QStringLiteral("alice already approved wave 2")), qPrintable(text(again)));
        QCOMPARE(run->state(), RunState::AwaitingApproval);

        const Status second = run->approveNextWave(QStringLiteral("bob"), QStringLiteral("agreed"));
        QVERIFY2(second.ok(), qPrintable(text(second)));
        QCOMPARE(waves.size(), 2);
        QVERIFY2(run->note().contains(QStringLiteral("alice, bob")) || run->state() != RunState::Running, qPrintable(run->note()));

        // The last wave's rule is the default (one approver).
        QTRY_COMPARE_WITH_TIMEOUT(approval.size(), 2, 10000);
        QVERIFY(run->approveNextWave(QStringLiteral("carol"), QStringLiteral("half healthy")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 10000);
        QCOMPARE(run->state(), RunState::Succeeded);

        // What each approver saw, and its hash, is in the store and in the audit record.
        int audited = 0;
        for (const EngineAuditEntry &e : std::as_const(f.audit.entries)) {
            if (e.action != QLatin1String("wave.approved"))
                continue;
            ++audited;
            const QString evidence = e.evidence.value(QStringLiteral("evidence")).toString();
            QVERIFY(QJsonDocument::fromJson(evidence.toUtf8()).object().contains(QStringLiteral("gates")));
            QCOMPARE(e.evidence.value(QStringLiteral("evidence_sha256")).toString(),
                     QString::fromLatin1(QCryptographicHash::hash(evidence.toUtf8(), QCryptographicHash::Sha256).toHex()));
        }
        QCOMPARE(audited, 3);
        QStringList who;
        for (const SignOff &s : *f.signOffs->forRun(run->runId()))
            who << s.item + QLatin1Char(':') + s.operatorName;
        QCOMPARE(who, (QStringList{QStringLiteral("approve-wave-2:alice"), QStringLiteral("approve-wave-2:bob"),
                                   QStringLiteral("approve-wave-3:carol")}));
    }

    // exclude_initiator: the operator who started the run cannot approve; nothing is stored for them.
    void theInitiatorIsRefused()
    {
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        EngineFixture f;
        const OperatorIdentity alice(QStringLiteral("alice"), OperatorIdentity::Source::Asserted, true);
        EngineServices services = f.services();
        services.identity = &alice;
        auto created = RunExecutor::create(planWith(QStringLiteral("{by: 1, exclude_initiator: true}")), QStringLiteral("alice"), services);
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy approval(run.get(), &RunExecutor::approvalNeeded);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(approval.wait(10000));
        QVERIFY2(approval.last().at(1).toString().contains(QStringLiteral("not alice (started the run)")),
                 qPrintable(approval.last().at(1).toString()));
        const Status mine = run->approveNextWave(QStringLiteral("alice"), QStringLiteral("looks fine"));
        QVERIFY(!mine.ok());
        QVERIFY2(mine.error().message.contains(QStringLiteral("alice started this run")), qPrintable(text(mine)));
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY(f.signOffs->forRun(run->runId())->isEmpty());
        QVERIFY(run->approveNextWave(QStringLiteral("bob"), QStringLiteral("looks fine")).ok());
        QCOMPARE(run->state(), RunState::Running);
        QVERIFY(run->abort(QStringLiteral("alice"), QStringLiteral("test done")).ok());
    }

    // On one desktop the OS account is one person: its approval is stored but cannot be both of two, and
    // it cannot approve in another name.
    void anOsAccountIsOneApprover()
    {
        EngineFixture f;
        const OperatorIdentity me(QStringLiteral("alice"), OperatorIdentity::Source::OsAccount, true);
        EngineServices services = f.services();
        services.identity = &me;
        auto created = RunExecutor::create(planWith(QStringLiteral("{by: 2}")), QStringLiteral("alice"), services);
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy approval(run.get(), &RunExecutor::approvalNeeded);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(approval.wait(10000));
        QVERIFY(run->approveNextWave(QStringLiteral("alice"), QStringLiteral("ok")).ok());
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY2(run->note().contains(QStringLiteral("0 of 2 approvals")) && run->note().contains(QStringLiteral("not signed with an SSH key")),
                 qPrintable(run->note()));
        const Status other = run->approveNextWave(QStringLiteral("bob"), QStringLiteral("ok"));
        QVERIFY(!other.ok());
        QVERIFY2(other.error().message.contains(QStringLiteral("you are signed in as alice")), qPrintable(text(other)));
        QVERIFY(run->abort(QStringLiteral("alice"), QStringLiteral("test done")).ok());
    }

    // max_age: an approval older than the rule allows no longer counts; the note says whose and why.
    void anOldApprovalNoLongerCounts()
    {
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        EngineFixture f;
        EngineServices services = f.services();
        auto created = RunExecutor::create(planWith(QStringLiteral("{by: 2, max_age: 10m}")), QStringLiteral("alice"), services);
        QVERIFY(created.ok());
        std::unique_ptr<RunExecutor> run(*created);
        QSignalSpy approval(run.get(), &RunExecutor::approvalNeeded);
        QVERIFY(run->start(QStringLiteral("alice")).ok());
        QVERIFY(approval.wait(10000));
        ManualClock clock(QDateTime::currentDateTimeUtc());
        Clock::setInstance(&clock);
        QVERIFY(run->approveNextWave(QStringLiteral("alice"), QStringLiteral("ok")).ok());
        clock.advance(11 * 60 * 1000);
        QVERIFY(run->approveNextWave(QStringLiteral("bob"), QStringLiteral("ok")).ok());
        QCOMPARE(run->state(), RunState::AwaitingApproval);
        QVERIFY2(run->note().contains(QStringLiteral("1 of 2 approvals")) && run->note().contains(QStringLiteral("alice's approval of wave 2 is older than 10m")),
                 qPrintable(run->note()));
        Clock::setInstance(nullptr);
        QVERIFY(run->abort(QStringLiteral("alice"), QStringLiteral("test done")).ok());
    }
};

QTEST_GUILESS_MAIN(TestWaveApproval)
#include "tst_waveapproval.moc"
