#include "app/cli/CliRunOutput.h"
#include "app/engine/RunExecutor.h"
#include "app/session/ConsoleSession.h"
#include "models/run/RunNarration.h"
#include "tests/engine/EngineFixture.h"
#include "ui/upgrade/ProgressPage.h"

#include <QListWidget>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTextStream>

#include <memory>

using namespace lockstep;
using namespace lockstep::test;

// One narration of a run: the lines `lockstep-cli run` prints and the entries of the desktop console's
// timeline are the same sentences, made by RunNarration::describe() from the engine's run events.
class TestRunNarration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qputenv("LOCKSTEP_TEST_IDENTITIES", "1"); }

    void cliAndTimelineTellTheSameRun()
    {
        // Three waves; the second wave's upgrade step fails on i02 and the policy rolls back: waves, steps,
        // the stopped wave, a rollback and the run's end all happen.
        EngineFixture f;
        Runbook runbook = makeRunbook();
        runbook.strategy.onFailure = OnFailure::Rollback;
        runbook.strategy.maxParallel = 1;
        f.launcher.setRule(QStringLiteral("i02"), QStringLiteral("upgrade"), {5, StepOutcome::Failed, 1, -1});
        auto created = RunExecutor::create(makePlan(runbook, makeInstances(4)), QStringLiteral("alice"), f.services());
        if (!created)
            QFAIL(qPrintable(created.error().toString()));
        std::unique_ptr<RunExecutor> run(*created);

        ConsoleSession session;   // no store: the page acts as the console's operator
        ProgressPage page(&session);
        page.setRun(run.get(), f.runs.get());
        QString cliText;
        QTextStream cli(&cliText);
        QObject cliContext;
        CliRunOutput::follow(run.get(), cli, &cliContext);
        QSignalSpy events(run.get(), &RunExecutor::runEvent);

        QVERIFY(run->start(QStringLiteral("alice")).ok());
        auto printOnFailure = qScopeGuard([&] {
            if (QTest::currentTestFailed())
                qInfo().noquote() << "the CLI printed:\n" << cliText;
        });
        QTRY_VERIFY_WITH_TIMEOUT(isTerminal(run->state()), 20000);

        QStringList told, shown;
        for (const QList<QVariant> &args : std::as_const(events)) {
            const auto e = args.at(0).value<RunEvent>();
            told << RunNarration::describe(e);
            if (ProgressPage::showsInTimeline(e))
                shown << RunNarration::describe(e);
        }
        // The CLI: one line per event, its time and then the sentence; under a failed step, its last output
        // lines (indented "    | "), which are the step's own words, not the run's story.
        QStringList cliLines, tails;
        for (const QString &line : cliText.split(u'\n', Qt::SkipEmptyParts)) {
            if (line.startsWith(QStringLiteral("    | ")))
                tails << QStringLiteral("%1 after: %2").arg(line.mid(6), cliLines.value(cliLines.size() - 1));
            else
                cliLines << line.section(u' ', 1);
        }
        QCOMPARE(cliLines, told);
        QCOMPARE(tails, QStringList{QStringLiteral("fake output after: i02 upgrade failed in %1")
                                        .arg(cliLines.filter(QStringLiteral("i02 upgrade failed in ")).value(0).mid(22))});
        // The timeline: the same sentences, event by event, for every event it shows (after the line
        // that says the run was opened, which is the page's own).
        auto *timeline = page.findChild<QListWidget *>(QStringLiteral("eventTimeline"));
        QVERIFY(timeline);
        QStringList entries;
        for (int i = 1; i < timeline->count(); ++i)
            entries << timeline->item(i)->text().section(QStringLiteral("  "), 1);
        QCOMPARE(entries, shown);
        // What both say: the story a person reads, in the same words.
        for (const QString &sentence : {QStringLiteral("wave 1 (canary) started"), QStringLiteral("wave 1 succeeded"),
                                        QStringLiteral("i02 rolls back 1.1.0 → 1.0.0"), QStringLiteral("i02 rolled back to 1.0.0")}) {
            QVERIFY2(entries.join(u'\n').contains(sentence), qPrintable(sentence + u'\n' + entries.join(u'\n')));
            QVERIFY2(cliLines.join(u'\n').contains(sentence), qPrintable(sentence + u'\n' + cliLines.join(u'\n')));
        }
        QVERIFY2(entries.join(u'\n').contains(QStringLiteral("i02 upgrade failed in ")), qPrintable(entries.join(u'\n')));
    }
};

QTEST_MAIN(TestRunNarration)
#include "tst_runnarration.moc"
