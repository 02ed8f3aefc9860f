#include "app/engine/StepDispatcher.h"
#include "app/engine/StepExecution.h"
#include "app/runbook/RunbookLoader.h"
#include "app/steps/StepKinds.h"
#include "tests/engine/EngineFixture.h"

#include <QTest>

#include <optional>

using namespace lockstep;
using namespace lockstep::test;

// The step-kind table is the one place a kind's behaviour is written: what the reader accepts, what the
// executor times out and what rollback compensates all come from it.
class TestStepKinds : public QObject
{
    Q_OBJECT

    static QString diagnostics(const QString &yaml)
    {
        QStringList out;
        for (const Diagnostic &d : RunbookLoader::readString(yaml, QStringLiteral("k.yaml")).diagnostics)
            out << d.message;
        return out.join(QLatin1Char('\n'));
    }

private slots:
    void everyKindIsComplete()
    {
        QStringList names;
        for (const StepKindHandler &kind : StepKinds::all()) {
            QVERIFY2(kind.readAction && kind.launch, qPrintable(kind.name));
            QCOMPARE(&StepKinds::of(kind.kind), &kind);
            QCOMPARE(StepKinds::find(kind.name), &kind);
            names << kind.name;
        }
        QCOMPARE(names, (QStringList{QStringLiteral("ssh"), QStringLiteral("local"), QStringLiteral("http"),
                                     QStringLiteral("manual"), QStringLiteral("wait"), QStringLiteral("gate")}));
    }

    void traitsDecideWhatTheEngineDoes()
    {
        QVERIFY(StepKinds::of(StepKind::Ssh).hasTimeout);
        QVERIFY(StepKinds::of(StepKind::Http).hasTimeout);
        QVERIFY(!StepKinds::of(StepKind::Manual).hasTimeout);
        QVERIFY(StepKinds::of(StepKind::Manual).waitsForOperator);
        QVERIFY(!StepKinds::of(StepKind::Wait).hasTimeout);
        QVERIFY(StepKinds::of(StepKind::Gate).measuresHealth);
        StepSpec local = makeStep(QStringLiteral("a"), StepKind::Local);
        local.expected = std::chrono::minutes(2);
        QCOMPARE(StepKinds::plannedDuration(local), Millis(std::chrono::minutes(2)));
        StepSpec soak = makeStep(QStringLiteral("soak"), StepKind::Wait);
        soak.expected = std::chrono::minutes(1);
        soak.waitFor = std::chrono::minutes(5);
        QCOMPARE(StepKinds::plannedDuration(soak), Millis(std::chrono::minutes(5)));
    }

    void theReaderNamesTheKindsFromTheTable()
    {
        const QString head = QStringLiteral("runbook: r\nproduct: p\nsteps:\n");
        QVERIFY2(diagnostics(head + QStringLiteral("  - id: a\n    title: nothing\n"))
                     .contains(QStringLiteral("a step needs one action: ssh, local, http, manual, wait or gate")),
                 qPrintable(diagnostics(head + QStringLiteral("  - id: a\n    title: nothing\n"))));
        const QString foreign = diagnostics(head + QStringLiteral("  - id: a\n    wait: 5s\n    expect: {exit: [0]}\n    headers: {A: b}\n"));
        QVERIFY2(foreign.contains(QStringLiteral("'expect' only applies to ssh, local and http steps")), qPrintable(foreign));
        QVERIFY2(foreign.contains(QStringLiteral("'headers' only applies to http steps")), qPrintable(foreign));
        const QString check = diagnostics(QStringLiteral("runbook: r\nproduct: p\nchecklist:\n  - id: c\n    check: {wait: 5s}\n"
                                                         "steps:\n  - id: a\n    local: \"true\"\n"));
        QVERIFY2(check.contains(QStringLiteral("a check runs ssh, local, http or manual")), qPrintable(check));
    }

    void aKindWithoutItsServiceFailsWithTheReason()
    {
        // HTTP is a kind like the others; ssh without a transport says which one is missing.
        StepDispatcher dispatcher;
        StepContext context;
        context.instance = makeInstance(QStringLiteral("i1"));
        context.targetVersion = QStringLiteral("1.1.0");
        context.previousVersion = QStringLiteral("1.0.0");
        StepSpec step = makeStep(QStringLiteral("pull"), StepKind::Ssh);
        step.command = QStringLiteral("true");
        QObject parent;
        StepExecution *exec = dispatcher.launch(step, context, &parent);
        std::optional<StepExecutionResult> result;
        connect(exec, &StepExecution::finished, this, [&result](const StepExecutionResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QCOMPARE(result->outcome, StepOutcome::Failed);
        QVERIFY2(result->message.contains(QStringLiteral("no ssh transport is configured")), qPrintable(result->message));
    }
};

QTEST_GUILESS_MAIN(TestStepKinds)
#include "tst_stepkinds.moc"
