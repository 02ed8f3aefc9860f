#include "app/engine/RunExecutor.h"
#include "app/session/ConsoleSession.h"
#include "tests/engine/EngineFixture.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressModel.h"
#include "ui/upgrade/ProgressPage.h"

#include <QAction>
#include <QTableView>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

// The progress page of a run with run-level steps (runbook before:/after:): a "Run" row above the
// instances with its own columns, and the operator resolves its failed step from that row.
class TestRunLane : public QObject
{
    Q_OBJECT

private slots:
    void runRowShowsAndResolvesTheRunLevelSteps()
    {
        EngineFixture f;
        Runbook rb = makeRunbook();
        rb.before = {makeStep(QStringLiteral("open-incident")), makeStep(QStringLiteral("cluster-maintenance-on"))};
        rb.after = {makeStep(QStringLiteral("notify-done"))};
        f.launcher.setRule(QString(), QStringLiteral("cluster-maintenance-on"), {0, StepOutcome::Failed, 1, 1});
        f.launcher.setRule(QString(), QStringLiteral("notify-done"), {-1, StepOutcome::Succeeded, 0, -1});
        const Plan plan = makePlan(rb, makeInstances(3));
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        QVERIFY(created);
        std::unique_ptr<RunExecutor> run(*created);

        ConsoleSession session;   // no store: the page acts as the console's operator
        ProgressPage page(&session);
        page.resize(1280, 420);
        page.setRun(run.get(), f.runs.get());
        auto *grid = page.findChild<QTableView *>(QStringLiteral("progressGrid"));
        QVERIFY(grid);
        ProgressModel *model = page.model();
        QCOMPARE(model->rowOf(QString()), 0);   // the run lane is the first row
        QCOMPARE(model->data(model->index(0, ProgressModel::InstanceColumn)).toString(), QStringLiteral("Run (once)"));
        QCOMPARE(model->headerData(ProgressModel::FirstStepColumn, Qt::Horizontal).toString(), QStringLiteral("run: open-incident"));
        QCOMPARE(model->rowOf(QStringLiteral("i01")), 1);

        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Paused, 20000);
        model->flush();
        QCOMPARE(model->cellStatus(QString(), QStringLiteral("cluster-maintenance-on")), ProgressModel::CellStatus::Failed);
        QCOMPARE(model->cellStatus(QStringLiteral("i01"), QStringLiteral("backup")), ProgressModel::CellStatus::Pending);

        // Skip on the run row, then resume: the instances run and the after: step starts.
        grid->setCurrentIndex(model->index(0, ProgressModel::InstanceColumn));
        auto *skip = page.findChild<QAction *>(QStringLiteral("actionSkipStep"));
        QTRY_VERIFY(skip->isEnabled());
        OperatorPrompt::setNextAnswer(true, QStringLiteral("maintenance set by hand"));
        skip->trigger();
        QCOMPARE(model->cellStatus(QString(), QStringLiteral("cluster-maintenance-on")), ProgressModel::CellStatus::Skipped);
        auto *resume = page.findChild<QAction *>(QStringLiteral("actionResumeRun"));
        QTRY_VERIFY(resume->isEnabled());
        resume->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(model->cellStatus(QString(), QStringLiteral("notify-done")), ProgressModel::CellStatus::Running, 20000);
        QCOMPARE(model->cellStatus(QStringLiteral("i03"), QStringLiteral("verify")), ProgressModel::CellStatus::Succeeded);
        model->flush();
        const QString png = QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/screenshots/progress-run-lane.png");
        QVERIFY(page.grab().save(qEnvironmentVariableIsSet("LOCKSTEP_UPDATE_SCREENSHOTS") ? png
                                                                                      : QStringLiteral("progress-run-lane.png")));
        QVERIFY(run->abort(QStringLiteral("alice"), QStringLiteral("test over")));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Aborted, 20000);
    }
};

QTEST_MAIN(TestRunLane)
#include "tst_runlane.moc"
