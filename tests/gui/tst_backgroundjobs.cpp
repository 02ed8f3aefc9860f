#include "app/audit/AuditLog.h"
#include "app/report/RunReportData.h"
#include "models/store/Database.h"
#include "ui/audit/AuditPage.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/MessageWidget.h"
#include "ui/report/ReportPage.h"
#include "ui/report/SaveFileDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>

using namespace lockstep;

// The long operations of the console's pages run on a worker: while one runs the window keeps turning
// its event loop (a timer keeps ticking), the page shows what runs with a progress bar and Cancel, and
// Cancel ends it without a result (no file written, no verdict claimed). Jobs are held on the worker
// (BackgroundJob's test hook) until the test has looked, so "while it runs" is certain, not timing.
// Inventory import is covered the same way in tst_mainwindow (cancelledImportImportsNothing).
class TestBackgroundJobs : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<AuditLog> m_log;
    std::shared_ptr<QSemaphore> m_gate = std::make_shared<QSemaphore>();
    std::shared_ptr<QThread *> m_workerThread = std::make_shared<QThread *>(nullptr);

    void hold()
    {
        BackgroundJob::setWorkerEntryHook([gate = m_gate, thread = m_workerThread] {
            *thread = QThread::currentThread();
            gate->acquire();
        });
    }
    void release()
    {
        m_gate->release();
        BackgroundJob::setWorkerEntryHook({});
    }

    // Counts timer ticks: proof that the GUI thread's event loop turns meanwhile.
    static void expectEventLoopTurning()
    {
        int ticks = 0;
        QTimer ticker;
        QObject::connect(&ticker, &QTimer::timeout, &ticker, [&ticks] { ++ticks; });
        ticker.start(10);
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 5, 5000);
    }

    static RunReportData sampleReport()
    {
        RunReportData d;
        d.runId = 7;
        d.state = QStringLiteral("succeeded");
        d.operatorName = QStringLiteral("alice");
        d.plan.runbook.id = QStringLiteral("sample-upgrade");
        d.plan.targetVersion = *SemVer::parse(QStringLiteral("1.5.0"));
        for (int i = 0; i < 200; ++i) {
            StepResult s;
            s.instance = QStringLiteral("platform-prod-%1").arg(i % 4);
            s.step = QStringLiteral("step-%1").arg(i);
            s.outcome = StepOutcome::Succeeded;
            s.outputTail = QStringLiteral("line of output %1").arg(i);
            d.attempts << s;
        }
        return d;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_db.open(m_dir.filePath(QStringLiteral("lockstep.db"))).ok());
        m_log = std::make_unique<AuditLog>(m_db);
        for (int i = 0; i < 3000; ++i) {
            AuditEvent e;
            e.operatorName = QStringLiteral("alice");
            e.action = QStringLiteral("step.finished");
            e.reason = QStringLiteral("record %1").arg(i);
            QVERIFY(m_log->append(e).ok());
        }
    }

    void auditVerifyRunsOffTheGuiThreadAndCancels()
    {
        AuditPage page;
        page.setLog(m_log.get());
        page.show();
        auto *verify = page.findChild<QPushButton *>(QStringLiteral("auditVerify"));
        auto *progress = page.findChild<QWidget *>(QStringLiteral("auditProgress"));
        auto *message = page.findChild<MessageWidget *>(QStringLiteral("auditMessage"));

        hold();
        QTest::mouseClick(verify, Qt::LeftButton);
        QVERIFY(progress->isVisible());
        QVERIFY(progress->findChild<QLabel *>(QStringLiteral("taskText"))->text().contains(QStringLiteral("Verifying")));
        QVERIFY(!verify->isEnabled());
        expectEventLoopTurning();
        QTest::mouseClick(progress->findChild<QPushButton *>(QStringLiteral("taskCancel")), Qt::LeftButton);
        release();
        QTRY_VERIFY(!progress->isVisible());
        QVERIFY(*m_workerThread && *m_workerThread != QThread::currentThread());
        QVERIFY2(message->text().contains(QStringLiteral("cancelled")), qPrintable(message->text()));
        QVERIFY(!message->text().contains(QStringLiteral("intact")));
        QVERIFY(verify->isEnabled());

        // Not cancelled: the whole chain is walked and the verdict shown.
        QTest::mouseClick(verify, Qt::LeftButton);
        QTRY_VERIFY2(message->text().contains(QStringLiteral("intact: 3000 records")), qPrintable(message->text()));
    }

    void reportExportRunsOffTheGuiThreadAndCancels()
    {
        ReportPage page;
        page.setRunList([] { return QList<QPair<qint64, QString>>{{7, QStringLiteral("7 · sample-upgrade → 1.5.0")}}; });
        page.setSource([](qint64) -> Result<RunReportData> { return sampleReport(); });
        page.refresh();
        page.show();
        auto *pdf = page.findChild<QPushButton *>(QStringLiteral("reportExportPdf"));
        auto *progress = page.findChild<QWidget *>(QStringLiteral("reportProgress"));
        auto *message = page.findChild<MessageWidget *>(QStringLiteral("reportMessage"));
        const QString path = m_dir.filePath(QStringLiteral("run-7.pdf"));

        hold();
        SaveFileDialog::setNextFileName(path);
        QTest::mouseClick(pdf, Qt::LeftButton);
        QVERIFY(progress->isVisible());
        QVERIFY(!pdf->isEnabled());
        expectEventLoopTurning();
        QTest::mouseClick(progress->findChild<QPushButton *>(QStringLiteral("taskCancel")), Qt::LeftButton);
        release();
        QTRY_VERIFY(!progress->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("export cancelled")), qPrintable(message->text()));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));

        SaveFileDialog::setNextFileName(path);
        QTest::mouseClick(pdf, Qt::LeftButton);
        QTRY_VERIFY2(message->text().contains(QStringLiteral("Report written")), qPrintable(message->text()));
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.read(5) == "%PDF-");
    }
};

QTEST_MAIN(TestBackgroundJobs)
#include "tst_backgroundjobs.moc"
