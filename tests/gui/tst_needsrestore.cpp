#include "app/engine/RunExecutor.h"
#include "app/engine/StepDispatcher.h"
#include "app/runbook/RunbookLoader.h"
#include "app/session/ConsoleSession.h"
#include "tests/engine/EngineFixture.h"
#include "ui/common/MessageWidget.h"
#include "ui/upgrade/OperatorPrompt.h"
#include "ui/upgrade/ProgressModel.h"
#include "ui/upgrade/ProgressPage.h"

#include <QAction>
#include <QApplication>
#include <QTableView>
#include <QTest>

using namespace lockstep;
using namespace lockstep::test;

namespace {

// A data conversion nothing can undo, between a deploy and its verification: a failed verification rolls
// back the deploy and stops at the conversion for a restore by hand.
const char *kRunbook = R"(
runbook: convert
product: demo
strategy:
  max_parallel: 2
  on_failure: rollback
steps:
  - {id: deploy, local: "true", undo: deploy-previous}
  - id: convert-data
    local: "true"
    undo: {none: "restore the volume of {{instance.name}} from the snapshot taken before {{version}}"}
  - {id: verify, local: "true"}
rollback_steps:
  - {id: deploy-previous, local: "true"}
)";

} // namespace

// The progress page shows an instance that needs restore distinctly (its state, colour and the message to
// act on) and both answers are actions with shortcuts, so the keyboard reaches them.
class TestNeedsRestore : public QObject
{
    Q_OBJECT

private slots:
    void needsRestoreIsShownAndAnsweredByKeyboard()
    {
        EngineFixture f;
        StepDispatcher dispatcher;
        f.launcher.fallback = &dispatcher;
        f.launcher.setRule(QStringLiteral("*"), QStringLiteral("verify"), {0, StepOutcome::Failed, 1, -1});
        auto runbook = RunbookLoader::loadString(QString::fromLatin1(kRunbook), QStringLiteral("convert.yaml"));
        QVERIFY2(runbook, runbook ? "" : qPrintable(runbook.error().toString()));
        const Plan plan = makePlan(*runbook, makeInstances(2));
        auto created = RunExecutor::create(plan, QStringLiteral("alice"), f.services());
        QVERIFY(created);
        std::unique_ptr<RunExecutor> run(*created);

        ConsoleSession session;
        ProgressPage page(&session);
        page.resize(1280, 460);
        page.setRun(run.get(), f.runs.get());
        page.show();
        QApplication::setActiveWindow(&page);
        QVERIFY(QTest::qWaitForWindowActive(&page));
        auto *restored = page.findChild<QAction *>(QStringLiteral("actionConfirmRestored"));
        auto *leave = page.findChild<QAction *>(QStringLiteral("actionLeaveUnrestored"));
        QVERIFY(restored && leave);
        QVERIFY(!restored->isVisible());   // only while an instance needs restore
        QVERIFY(!restored->shortcut().isEmpty() && !leave->shortcut().isEmpty());

        QVERIFY(run->start(QStringLiteral("alice")));
        QTRY_VERIFY_WITH_TIMEOUT(run->waitsForRestore(QStringLiteral("i01")) && run->waitsForRestore(QStringLiteral("i02")), 20000);
        ProgressModel *model = page.model();
        model->flush();
        const QModelIndex state = model->index(model->rowOf(QStringLiteral("i01")), ProgressModel::StateColumn);
        QCOMPARE(state.data().toString(), QStringLiteral("⚠ needs restore (on 1.1.0)"));
        QVERIFY(state.data(Qt::BackgroundRole).isValid());
        QVERIFY(state.data(Qt::ToolTipRole).toString().contains(QStringLiteral("restore the volume of i01 from the snapshot taken before 1.1.0")));
        auto *message = page.findChild<MessageWidget *>(QStringLiteral("progressMessage"));
        QVERIFY(message->text().contains(QStringLiteral("needs restore: convert-data cannot be undone")));
        QVERIFY(message->text().contains(QStringLiteral("from the snapshot taken before 1.1.0")));
        QTRY_VERIFY(restored->isVisible() && restored->isEnabled() && leave->isEnabled());
        const QString png = QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/screenshots/progress-needs-restore.png");
        QVERIFY(page.grab().save(qEnvironmentVariableIsSet("LOCKSTEP_UPDATE_SCREENSHOTS") ? png
                                                                                      : QStringLiteral("progress-needs-restore.png")));

        // Leave the selected one by its shortcut (the question is answered in advance), then the other is restored.
        const QString first = model->instanceAt(page.findChild<QTableView *>(QStringLiteral("progressGrid"))->currentIndex().row());
        QVERIFY(run->waitsForRestore(first));
        OperatorPrompt::setNextAnswer(true, QStringLiteral("the DBA restores it tonight"));
        QTest::keySequence(&page, leave->shortcut());
        QVERIFY(OperatorPrompt::lastQuestion().contains(first));
        QTRY_VERIFY_WITH_TIMEOUT(!run->waitsForRestore(first), 20000);
        const QString second = first == QLatin1String("i01") ? QStringLiteral("i02") : QStringLiteral("i01");
        auto *grid = page.findChild<QTableView *>(QStringLiteral("progressGrid"));
        grid->setCurrentIndex(model->index(model->rowOf(second), ProgressModel::InstanceColumn));
        QTRY_VERIFY(restored->isEnabled());
        OperatorPrompt::setNextAnswer(true, QStringLiteral("snapshot of 02:00 restored"));
        QTest::keySequence(&page, restored->shortcut());
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Failed, 20000);
        model->flush();
        QCOMPARE(model->index(model->rowOf(first), ProgressModel::StateColumn).data().toString(), QStringLiteral("⚠ needs restore (on 1.1.0)"));
        QVERIFY(model->index(model->rowOf(second), ProgressModel::StateColumn).data().toString().startsWith(QStringLiteral("rolled-back")));
        QVERIFY(!restored->isVisible());
        QVERIFY(message->text().contains(first + QStringLiteral(" left on 1.1.0 — needs restore")));
    }
};

QTEST_MAIN(TestNeedsRestore)
#include "tst_needsrestore.moc"
