#include "tests/gui/UpgradeTestBase.h"
#include "ui/fleet/FleetPage.h"
#include "ui/upgrade/ChecklistModel.h"
#include "ui/upgrade/ProgressPage.h"
#include "ui/upgrade/UpgradeMenuBar.h"

#include <QAbstractButton>
#include <QDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>

using namespace lockstep;
using namespace lockstep::test;

// A whole guided upgrade driven from the keyboard alone: keys go to the focused widget or to the
// window as shortcuts (menu shortcuts, mnemonics, Tab, arrows, Enter); no mouse, no slot called
// directly. Dialogs that ask are answered with keys too.
class TestKeyboard : public UpgradeTestBase
{
    Q_OBJECT

    static QWidget *focused()
    {
        QWidget *w = QApplication::focusWidget();
        return w ? w : QApplication::activeWindow();
    }

    static void key(int k, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(focused(), Qt::Key(k), modifiers);
    }

    // Presses Tab until `target` has the focus: what an operator does to reach a control without a
    // mnemonic. Fails when the tab chain never gets there (a trap, or a control Tab cannot reach).
    static bool tabTo(QWidget *target)
    {
        for (int i = 0; i < 40 && QApplication::focusWidget() != target; ++i)
            key(Qt::Key_Tab);
        return QApplication::focusWidget() == target;
    }

    // The next modal dialog is answered by pressing `k` in it.
    static void answerNextDialog(int k)
    {
        auto *poll = new QTimer(qApp);
        poll->setInterval(20);
        QObject::connect(poll, &QTimer::timeout, poll, [poll, k] {
            if (QWidget *dialog = QApplication::activeModalWidget()) {
                poll->deleteLater();
                QTest::keyClick(dialog, Qt::Key(k));
            }
        });
        poll->start();
    }

    // What the window manager does when the operator switches windows (the offscreen platform has none).
    static void activate(QWidget *window)
    {
        QApplication::setActiveWindow(window);
        QVERIFY(QTest::qWaitForWindowActive(window));
        QCOMPARE(QApplication::activeWindow(), window);
    }

private slots:
    void initTestCase()
    {
        const QString failure = startSession();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console.discovered(), 20000);
    }

    void cleanupTestCase() { m_console.close(); }

    void everyRunActionIsInTheMenuWithItsOwnShortcut()
    {
        UpgradeWindow *w = m_console.window->upgradeWindow();
        const QList<QAction *> inMenus = w->menus()->menuActions();
        QHash<QString, QString> owner;
        for (QAction *a : w->progressPage()->actions()) {
            QVERIFY2(inMenus.contains(a), qPrintable(a->objectName()));
            QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->objectName() + QStringLiteral(" has no shortcut")));
        }
        for (QAction *a : inMenus) {
            if (a->shortcut().isEmpty())
                continue;
            const QString key = a->shortcut().toString();
            QVERIFY2(!owner.contains(key), qPrintable(key + QStringLiteral(": ") + owner.value(key) + QStringLiteral(" and ") + a->objectName()));
            owner.insert(key, a->objectName());
        }
        for (const char *name : {"actionApproveWave", "actionPauseRun", "actionResumeRun", "actionAbortRun", "actionRetryInstance",
                                 "actionSkipStep", "actionMarkDone", "actionConfirmManual", "actionRollbackInstance",
                                 "actionRollbackWave", "actionRollbackAll", "actionEmergencyRollback"})
            QVERIFY2(inMenus.contains(action(name)), name);
    }

    void wholeUpgradeByKeyboard()
    {
        MainWindow *main = m_console.window.get();
        UpgradeWindow *w = main->upgradeWindow();
        activate(main);

        // Fleet: Ctrl+F, type a filter, Down into the table, Shift+Down to take the second row too.
        key(Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("fleetFilter"));
        QTest::keyClicks(focused(), QStringLiteral("platform-staging"));
        key(Qt::Key_Down);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("fleetTable"));
        key(Qt::Key_Down, Qt::ShiftModifier);
        QStringList selected = main->fleetPage()->selectedNames();
        selected.sort();
        QCOMPARE(selected, (QStringList{QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2")}));

        // Ctrl+U plans the selection.
        key(Qt::Key_U, Qt::ControlModifier);
        QTRY_VERIFY(w->isVisible());
        activate(w);
        QCOMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::PlanTab));

        // Alt+V: the target version; typing its number picks it.
        key(Qt::Key_V, Qt::AltModifier);
        auto *version = find<QComboBox>("planVersion");
        QCOMPARE(QApplication::focusWidget(), version);
        QTest::keyClicks(version, QStringLiteral("1.5.0"));
        QCOMPARE(version->currentData(Qt::UserRole + 1).toString(), QStringLiteral("1.5.0"));
        // Alt+F: a runbook file (the file dialog is answered in advance), Alt+C: create the run.
        FileDialog::setNextFileName(m_runbook);
        key(Qt::Key_F, Qt::AltModifier);
        QTRY_VERIFY2(find<QPushButton>("planCreateRun")->isEnabled(), qPrintable(find<MessageWidget>("planMessage")->text()));
        key(Qt::Key_C, Qt::AltModifier);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ChecklistTab));

        // Checklist: Tab into the table, Down to the first sign-off, Tab to the comment, Enter signs.
        auto *table = find<QTableView>("checklistTable");
        auto *checklist = static_cast<ChecklistModel *>(table->model());
        QTRY_COMPARE_WITH_TIMEOUT(checklist->index(checklist->rowOf(QStringLiteral("healthy-before")), ChecklistModel::Check).data().toString(),
                                  QStringLiteral("✔ passed"), 15000);
        QVERIFY(tabTo(table));
        key(Qt::Key_Home, Qt::ControlModifier);
        key(Qt::Key_Down);
        QCOMPARE(table->currentIndex().row(), checklist->rowOf(QStringLiteral("stakeholders")));
        auto *comment = find<QLineEdit>("checklistComment");
        QVERIFY(tabTo(comment));
        QTest::keyClicks(comment, QStringLiteral("mail sent to #ops"));
        key(Qt::Key_Return);
        QCOMPARE(checklist->itemAt(checklist->rowOf(QStringLiteral("stakeholders"))).signOffs.size(), 1);
        // The next item that needs a signature is selected; the four-eyes item needs alice and bob.
        QCOMPARE(table->currentIndex().row(), checklist->rowOf(QStringLiteral("rollback-plan")));
        QTest::keyClicks(comment, QStringLiteral("reviewed"));
        key(Qt::Key_Return);
        // Alt+A ("Signed in as"): tests may act under another name (LOCKSTEP_TEST_IDENTITIES, UpgradeTestBase).
        key(Qt::Key_A, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("checklistOperator"));
        key(Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(focused(), QStringLiteral("bob"));
        key(Qt::Key_M, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), comment);
        QTest::keyClicks(comment, QStringLiteral("second pair of eyes"));
        key(Qt::Key_Return);
        QCOMPARE(checklist->itemAt(checklist->rowOf(QStringLiteral("rollback-plan"))).signOffs.size(), 2);
        QTRY_VERIFY(find<QPushButton>("checklistStart")->isEnabled());
        key(Qt::Key_T, Qt::AltModifier);
        QTRY_COMPARE(find<QTabWidget>("upgradeTabs")->currentIndex(), int(UpgradeWindow::ProgressTab));

        // Progress: the canary runs and its gate passes; the next wave waits for an approval.
        QTRY_VERIFY2_WITH_TIMEOUT(action("actionApproveWave")->isEnabled(),
                                  qPrintable(runStateName(run()->state()) + QStringLiteral(": ") + run()->note()), 30000);

        // The grid: arrows move between cells, Tab leaves it.
        auto *grid = find<QTableView>("progressGrid");
        QVERIFY(tabTo(grid));
        const QModelIndex before = grid->currentIndex();
        key(Qt::Key_Right);
        QVERIFY(grid->currentIndex() != before);
        key(Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget() != grid);

        // F1 lists the shortcuts, read from the actions; Esc closes the list.
        key(Qt::Key_F1);
        QDialog *shortcuts = nullptr;
        QTRY_VERIFY((shortcuts = w->findChild<QDialog *>(QStringLiteral("shortcutsDialog"))) && shortcuts->isVisible());
        auto *list = shortcuts->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
        bool approveListed = false;
        for (int r = 0; r < list->rowCount(); ++r)
            approveListed |= list->item(r, 0)->text() == QStringLiteral("Approve next wave")
                             && list->item(r, 1)->text() == QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
        QVERIFY(approveListed);
        QTest::keyClick(shortcuts, Qt::Key_Escape);
        QTRY_VERIFY(!w->findChild<QDialog *>(QStringLiteral("shortcutsDialog")) || !shortcuts->isVisible());
        activate(w);

        // Ctrl+Return approves; the question is answered with Y (its Yes button's key).
        answerNextDialog(Qt::Key_Y);
        key(Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(run()->state(), RunState::Succeeded, 30000);
        for (const QString &name : {QStringLiteral("platform-staging-1"), QStringLiteral("platform-staging-2")})
            QTRY_COMPARE_WITH_TIMEOUT(m_console.versionInTable(name), QStringLiteral("1.5.0"), 10000);
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
