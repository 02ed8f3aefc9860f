#include "app/core/Settings.h"
#include "app/engine/Checklist.h"
#include "app/engine/EngineRuntime.h"
#include "app/engine/RunExecutor.h"
#include "app/runbook/RunbookLoader.h"
#include "models/store/SignOffRepository.h"
#include "tests/engine/EngineFixture.h"
#include "ui/common/MessageWidget.h"
#include "ui/runs/RunsPage.h"
#include "app/session/ConsoleSession.h"

#include <QComboBox>
#include <QDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace lockstep;
using namespace lockstep::test;

// Four eyes from another console: the run was prepared elsewhere (here: created straight through the
// engine on the same store); this console's Runs page signs its checklist item, by a second operator only.
class TestSignOffDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<RunExecutor> m_run;
    std::unique_ptr<RunsPage> m_page;

    // Clicks "Sign off…", fills the dialog once it is up and presses Sign; returns the dialog's message.
    QString signAs(const QString &operatorName, const QString &comment)
    {
        QString message;
        QTimer::singleShot(0, this, [&] {
            QDialog *dialog = m_page->findChild<QDialog *>(QStringLiteral("signOffDialog"));
            if (!dialog)
                return;
            QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("signOffItem"))->currentData().toString(),
                     QStringLiteral("rollback-plan"));
            auto *op = dialog->findChild<QLineEdit *>(QStringLiteral("signOffOperator"));
            op->clear();
            QTest::keyClicks(op, operatorName);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("signOffComment")), comment);
            QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("signOffSign")), Qt::LeftButton);
            message = dialog->findChild<MessageWidget *>(QStringLiteral("signOffMessage"))->text();
            if (dialog->isVisible())
                dialog->reject();   // refused: the reason was read above
        });
        QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("runsSignOff")), Qt::LeftButton);
        return message;
    }

private slots:
    void initTestCase()
    {
        // Several named operators on one store: names asserted for the test (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        Settings::createTemporary();
        m_session = std::make_unique<ConsoleSession>();
        QVERIFY(m_session->openStore(m_dir.filePath(QStringLiteral("lockstep.db"))).ok());
        // The stored run keeps its runbook's text: the signing console plans from it again.
        const QString text = QStringLiteral(R"(runbook: demo-upgrade
product: demo
strategy: {waves: [{percent: 100}]}
checklist:
  - id: rollback-plan
    title: Rollback plan reviewed
    signoff: {by: 2}
steps:
  - id: upgrade
    local: "true"
)");
        const RunbookLoader::Loaded loaded = RunbookLoader::readString(text, QStringLiteral("demo-upgrade.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.diagnostics.value(0).toString()));
        Plan plan = makePlan(loaded.runbook, makeInstances(2));
        plan.runbookSource = text;
        auto run = RunExecutor::create(plan, QStringLiteral("alice"),
                                       m_session->runtime()->services());
        QVERIFY2(run, run ? "" : qPrintable(run.error().toString()));
        m_run.reset(*run);
        // The past-run grid is not looked at here: a plain widget stands in for it.
        m_page = std::make_unique<RunsPage>(m_session.get(), PastRunView{new QWidget, [](const RunRecord &, const Plan &, const QList<StepResult> &) {}});
        m_page->resize(900, 500);
        m_page->show();
        m_page->reload();
        m_page->findChild<QTableView *>(QStringLiteral("runsTable"))->selectRow(0);
    }

    void secondOperatorSignsFromThisConsole()
    {
        signAs(QStringLiteral("alice"), QStringLiteral("reviewed"));
        auto stored = m_session->runtime()->signOffs().forRun(m_run->runId());
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), 1);
        QCOMPARE(stored->first().operatorName, QStringLiteral("alice"));

        // The same operator again is refused in the dialog, with the reason; nothing is stored.
        const QString refused = signAs(QStringLiteral("alice"), QStringLiteral("again"));
        QVERIFY2(refused.contains(QStringLiteral("Not signed")) && refused.contains(QStringLiteral("alice already signed off")), qPrintable(refused));
        QCOMPARE(m_session->runtime()->signOffs().forRun(m_run->runId())->size(), 1);

        signAs(QStringLiteral("bob"), QStringLiteral("second pair of eyes"));
        stored = m_session->runtime()->signOffs().forRun(m_run->runId());
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->last().operatorName, QStringLiteral("bob"));
        // The driving console's checklist counts it once it reads the store (a notification on PostgreSQL).
        QVERIFY(m_run->checklist()->load().ok());
        QVERIFY(m_run->checklist()->unsatisfied().isEmpty());

        // Nothing is left to sign: the page says so instead of opening an empty dialog.
        QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("runsSignOff")), Qt::LeftButton);
        QVERIFY(m_page->findChild<MessageWidget *>(QStringLiteral("runsMessage"))->text().contains(QStringLiteral("nothing left")));
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_run.reset();
        m_session.reset();
    }
};

QTEST_MAIN(TestSignOffDialog)
#include "tst_signoffdialog.moc"
