#pragma once

#include "app/core/Settings.h"
#include "app/engine/RunExecutor.h"
#include "tests/gui/UpgradeFixture.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageWidget.h"
#include "ui/fleet/FleetPage.h"
#include "ui/fleet/FleetView.h"
#include "ui/upgrade/ChecklistModel.h"
#include "ui/upgrade/ProgressModel.h"
#include "app/session/ConsoleSession.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>

namespace lockstep::test {

// What the guided-upgrade GUI tests share: a running lockstep-fleetsim --demo, one console on it, and
// the clicks an operator makes, by objectName.
class UpgradeTestBase : public QObject
{
protected:
    // Starts the simulator and a console on a fresh store; returns what failed, or nothing.
    QString startSession()
    {
        Settings::createTemporary();
        // The runs' heads are anchored beside the temporary settings, not in the user's state directory.
        const QString witnessFile = QFileInfo(Settings::instance().fileName()).absolutePath() + QStringLiteral("/audit-anchors.jsonl");
        Settings::instance().set(settings::auditWitnessFile, witnessFile);
        Settings::instance().set(settings::auditSyslogSocket, QStringLiteral("off"));
        // Two operators sign at one desktop here: names asserted for the test (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        qputenv("LOCKSTEP_TEST_OPERATOR", "alice");
        if (const QString failure = m_sim.start({QStringLiteral("--demo"), QStringLiteral("--seed"), QStringLiteral("3"),
                                                 QStringLiteral("--upgrade-ms"), QStringLiteral("200")});
            !failure.isEmpty())
            return failure;
        m_runbook = writeFile(m_dir, QStringLiteral("gui-platform-upgrade.yaml"), kGuiRunbook);
        m_slowRunbook = writeFile(m_dir, QStringLiteral("gui-slow-upgrade.yaml"), kSlowRunbook);
        return m_console.open(m_sim, m_dir.filePath(QStringLiteral("lockstep.db")));
    }

    template<typename T>
    T *find(const char *name) const
    {
        // The Runs page shows past runs on a second, read-only ProgressPage ("pastRunPage") whose widgets
        // have the same names: the live one is meant here (a test reaches the other through pastRunPage()).
        for (QObject *root : {static_cast<QObject *>(m_console.window->upgradeWindow()), static_cast<QObject *>(m_console.window.get())})
            for (T *w : root->findChildren<T *>(QLatin1String(name))) {
                bool past = false;
                for (QObject *o = w; o && !past; o = o->parent())
                    past = o->objectName() == QLatin1String("pastRunPage");
                if (!past)
                    return w;
            }
        qFatal("no %s", name);
    }
    QAction *action(const char *name) const { return find<QAction>(name); }

    void selectInFleet(const QStringList &names)
    {
        FleetView *view = m_console.window->fleetPage()->view();
        view->clearSelection();
        for (const QString &name : names) {
            QModelIndex index;
            for (int row = 0; row < view->model()->rowCount(); ++row)
                if (view->model()->index(row, 0).data(FleetModel::NameRole).toString() == name)
                    index = view->model()->index(row, 0);
            QVERIFY2(index.isValid(), qPrintable(name));
            view->scrollTo(index);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, view->visualRect(index).center());
        }
        QCOMPARE(m_console.window->fleetPage()->selectedNames().size(), names.size());
    }

    void chooseVersion(const QString &version)
    {
        auto *combo = find<QComboBox>("planVersion");
        int index = -1;
        for (int i = 0; i < combo->count(); ++i)
            if (combo->itemData(i, Qt::UserRole + 1).toString() == version)
                index = i;
        QVERIFY2(index >= 0, qPrintable(version));
        QVERIFY(qobject_cast<QStandardItemModel *>(combo->model())->item(index)->isEnabled());
        combo->setCurrentIndex(index);
    }

    void chooseRunbook(const QString &path)
    {
        FileDialog::setNextFileName(path);
        QTest::mouseClick(find<QPushButton>("planBrowseRunbook"), Qt::LeftButton);
        QTRY_VERIFY2(find<QPushButton>("planCreateRun")->isEnabled(), qPrintable(find<MessageWidget>("planMessage")->text()));
    }

    void signOff(const QString &item, const QString &operatorName, const QString &comment)
    {
        auto *table = find<QTableView>("checklistTable");
        const int row = static_cast<ChecklistModel *>(table->model())->rowOf(item);
        QVERIFY(row >= 0);
        table->selectRow(row);
        auto *op = find<QLineEdit>("checklistOperator");
        op->clear();
        QTest::keyClicks(op, operatorName);
        // A refused sign-off keeps its comment for a second try; this one starts afresh.
        find<QLineEdit>("checklistComment")->clear();
        QTest::keyClicks(find<QLineEdit>("checklistComment"), comment);
        QTest::mouseClick(find<QPushButton>("checklistSignOff"), Qt::LeftButton);
    }

    // The upgrade window as a PNG: into docs/screenshots with LOCKSTEP_UPDATE_SCREENSHOTS=1, else a
    // temporary directory (so the rendering is exercised on every run).
    void snap(const QString &file)
    {
        UpgradeWindow *w = m_console.window->upgradeWindow();
        QCoreApplication::processEvents();
        const QImage image = w->grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
            ? QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/screenshots")
            : m_dir.path();
        QVERIFY(image.save(dir + QLatin1Char('/') + file));
    }

    RunExecutor *run() const { return m_console.window->upgradeWindow()->session()->run(); }

    QString cellState(const QString &instance) const
    {
        auto *grid = find<QTableView>("progressGrid");
        auto *model = static_cast<ProgressModel *>(grid->model());
        return model->index(model->rowOf(instance), ProgressModel::StateColumn).data().toString();
    }

    FleetSim m_sim;
    QTemporaryDir m_dir;
    Console m_console;
    QString m_runbook;
    QString m_slowRunbook;

};

} // namespace lockstep::test
