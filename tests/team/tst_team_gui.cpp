// Team mode in the GUI: two consoles' upgrade windows in this process (each its own store connection) and
// `lockstep-cli` processes, on one throwaway PostgreSQL database. What one console does shows up in the
// other within a second through LISTEN/NOTIFY: a run it creates (runs view), a sign-off from another
// operator (checklist page), its step results (the progress grid of a console following the run) and
// its audit events (audit view). The GUI run keeps its lease alive with the heartbeat, and a console
// that lost its lease says to whom. A password the server wants is asked for, never stored or logged.
#include "app/audit/AuditLog.h"
#include "app/core/Logging.h"
#include "app/core/Settings.h"
#include "app/engine/Checklist.h"
#include "app/engine/Planner.h"
#include "app/engine/RunExecutor.h"
#include "app/runbook/RunbookLoader.h"
#include "models/Clock.h"
#include "models/store/Database.h"
#include "models/store/LeaseRepository.h"
#include "models/store/RunRepository.h"
#include "tests/support/Postgres.h"
#include "tests/support/TestPaths.h"
#include "ui/MainWindow.h"
#include "ui/audit/AuditEventModel.h"
#include "ui/audit/AuditPage.h"
#include "ui/common/MessageWidget.h"
#include "ui/inventory/InMemoryInventoryService.h"
#include "ui/runs/RunListModel.h"
#include "ui/runs/RunsPage.h"
#include "ui/team/DatabaseLogin.h"
#include "ui/upgrade/ChecklistModel.h"
#include "ui/upgrade/ChecklistPage.h"
#include "ui/upgrade/ProgressModel.h"
#include "ui/upgrade/ProgressPage.h"
#include "app/session/ConsoleSession.h"
#include "ui/upgrade/UpgradeWindow.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <memory>

using namespace lockstep;
using namespace lockstep::test;
using namespace std::chrono_literals;

namespace {

const char *kRunbook = R"(runbook: team-gui
product: demo
checklist:
  - id: change-approved
    title: Change approved by two operators
    signoff: {by: 2}
strategy:
  waves: [{count: 1, name: canary}, {percent: 100}]
  max_parallel: 1
  between_waves: {observe: 0s, then: promote}
steps:
  - {id: prepare, local: "sleep 0.3"}
  - {id: upgrade, local: "sleep 0.3"}
  - {id: verify, local: "sleep 0.3"}
)";

Instance instance(const QString &name)
{
    Instance i;
    i.name = name;
    i.product = QStringLiteral("demo");
    i.currentVersion = QStringLiteral("1.0.0");
    return i;
}

Plan makePlan(const QStringList &names)
{
    auto runbook = RunbookLoader::loadString(QString::fromUtf8(kRunbook), QStringLiteral("team-gui.yaml"));
    if (!runbook)
        qFatal("%s", qPrintable(runbook.error().toString()));
    PlanRequest request;
    request.runbooks = {*runbook};
    for (const QString &name : names)
        request.instances << instance(name);
    request.targetVersion = QStringLiteral("1.1.0");
    auto plan = Planner::plan(request, Clock::instance().now());
    if (!plan)
        qFatal("%s", qPrintable(plan.error().toString()));
    plan->runbookSource = QString::fromUtf8(kRunbook);
    return *plan;
}

// Runs lockstep-cli to the end; returns its exit code and fills `output`.
int cli(const QStringList &args, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(cliPath(), args);
    if (!p.waitForFinished(60000))
        p.kill();
    *output = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

template<typename T>
T *child(QWidget *root, const char *name)
{
    T *w = root->findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no widget %s", name);
    return w;
}

int checklistRow(ChecklistModel *model, const QString &id)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->itemAt(row).id == id)
            return row;
    return -1;
}

bool listsRun(RunListModel *model, qint64 runId, RunState state)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->runAt(row).id == runId && model->runAt(row).state == state)
            return true;
    return false;
}

// A window as a PNG: into docs/screenshots with LOCKSTEP_UPDATE_SCREENSHOTS=1, else a temporary
// directory (so the rendering is exercised on every run).
void snap(QWidget *window, const QString &dir, const QString &file)
{
    QCoreApplication::processEvents();
    const QImage image = window->grab().toImage();
    QVERIFY(!image.isNull());
    const QString target = qEnvironmentVariableIntValue("LOCKSTEP_UPDATE_SCREENSHOTS") == 1
        ? QStringLiteral(LOCKSTEP_SOURCE_DIR "/docs/screenshots")
        : dir;
    QVERIFY(image.save(target + QLatin1Char('/') + file));
}

} // namespace

class TestTeamGui : public QObject
{
    Q_OBJECT

private:
    Postgres m_postgres;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        // Several named operators on one store: names asserted for the test (recorded as "asserted").
        qputenv("LOCKSTEP_TEST_IDENTITIES", "1");
        Settings::createTemporary();
        if (const QString failure = m_postgres.start(); !failure.isEmpty())
            QFAIL(qPrintable(failure));
    }

    void twoConsolesSeeEachOthersWorkLive()
    {
        QString error;
        const QString url = m_postgres.createDatabase(QStringLiteral("consoles"), &error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));

        // Alice drives the run; Bob's console is open on the same store.
        UpgradeWindow alice;
        alice.session()->setLeaseTimeout(3000ms);
        QVERIFY(alice.openStore(url).ok());
        UpgradeWindow bob;
        bob.session()->setLeaseTimeout(3000ms);
        QVERIFY(bob.openStore(url).ok());
        bob.showRuns();

        // A run created in Alice's console shows in Bob's runs view, without a reload.
        QVERIFY(alice.session()->createRun(makePlan({QStringLiteral("a"), QStringLiteral("b")}), QStringLiteral("alice")).ok());
        RunExecutor *run = alice.session()->run();
        const qint64 runId = run->runId();
        QElapsedTimer latency;
        latency.start();
        QTRY_VERIFY_WITH_TIMEOUT(listsRun(bob.runsPage()->model(), runId, RunState::Planned), 1000);
        qInfo("run created -> Bob's runs view: %lld ms", latency.elapsed());

        // Alice signs the four-eyes item in her checklist page; Bob signs it from his console
        // (lockstep-cli signoff) and Alice's checklist shows it within a second.
        ChecklistPage *checklist = alice.checklistPage();
        ChecklistModel *items = checklist->model();
        const int row = checklistRow(items, QStringLiteral("change-approved"));
        QVERIFY(row >= 0);
        child<QTableView>(checklist, "checklistTable")->selectRow(row);
        child<QLineEdit>(checklist, "checklistOperator")->setText(QStringLiteral("alice"));
        child<QLineEdit>(checklist, "checklistComment")->setText(QStringLiteral("diff reviewed"));
        QTest::mouseClick(child<QPushButton>(checklist, "checklistSignOff"), Qt::LeftButton);
        QCOMPARE(items->itemAt(row).signOffs.size(), 1);
        auto *start = child<QPushButton>(checklist, "checklistStart");
        QVERIFY(!start->isEnabled());

        QString output;
        QCOMPARE(cli({QStringLiteral("signoff"), QString::number(runId), QStringLiteral("--database"), url,
                      QStringLiteral("--item"), QStringLiteral("change-approved"), QStringLiteral("--operator"),
                      QStringLiteral("bob"), QStringLiteral("--comment"), QStringLiteral("second look")},
                     &output),
                 0);
        latency.restart();
        QTRY_COMPARE_WITH_TIMEOUT(items->itemAt(row).signOffs.size(), 2, 1000);
        qInfo("sign-off in lockstep-cli -> Alice's checklist: %lld ms", latency.elapsed());
        QCOMPARE(items->itemAt(row).signOffs.at(1).operatorName, QStringLiteral("bob"));
        QVERIFY(start->isEnabled());
        QVERIFY2(child<QLabel>(checklist, "checklistStatus")->text().contains(QStringLiteral("Everything required")),
                 qPrintable(child<QLabel>(checklist, "checklistStatus")->text()));

        // Bob follows Alice's run: opening it from his runs view is refused (Alice drives it); the
        // runs view shows it read-only, as a progress grid that follows Alice's console.
        RunsPage *runs = bob.runsPage();
        auto *runsTable = child<QTableView>(runs, "runsTable");
        for (int r = 0; r < runs->model()->rowCount(); ++r)
            if (runs->model()->runAt(r).id == runId)
                runsTable->setCurrentIndex(runsTable->model()->index(r, 0));
        QTest::mouseClick(child<QPushButton>(runs, "runsOpen"), Qt::LeftButton);
        QVERIFY2(child<MessageWidget>(runs, "runsMessage")->text().contains(QStringLiteral("alice")),
                 qPrintable(child<MessageWidget>(runs, "runsMessage")->text()));
        ProgressPage *followed = bob.pastRunPage();
        QVERIFY(followed->isReadOnly());
        ProgressModel *bobGrid = followed->model();
        const qint64 bobAuditBefore = bob.auditPage()->model()->rowCount();

        // Alice starts; each step result she records reaches Bob's grid within a second.
        QTest::mouseClick(start, Qt::LeftButton);
        ProgressModel *aliceGrid = alice.progressPage()->model();
        qint64 worst = 0;
        for (const QString &name : {QStringLiteral("a"), QStringLiteral("b")})
            for (const QString &step : {QStringLiteral("prepare"), QStringLiteral("upgrade"), QStringLiteral("verify")}) {
                QTRY_COMPARE_WITH_TIMEOUT(aliceGrid->cellStatus(name, step), ProgressModel::CellStatus::Succeeded, 20000);
                latency.restart();
                QTRY_COMPARE_WITH_TIMEOUT(bobGrid->cellStatus(name, step), ProgressModel::CellStatus::Succeeded, 1000);
                worst = std::max(worst, latency.elapsed());
            }
        qInfo("step result in Alice's console -> Bob's progress grid: at most %lld ms", worst);
        bob.tabs()->setCurrentIndex(UpgradeWindow::RunsTab);
        snap(&bob, m_dir.path(), QStringLiteral("team-follow.png"));
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Succeeded, 10000);
        latency.restart();
        QTRY_VERIFY_WITH_TIMEOUT(listsRun(runs->model(), runId, RunState::Succeeded), 1000);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(followed, "runStatus")->text().contains(QStringLiteral("succeeded")), 1000);
        qInfo("run finished -> Bob's runs view: %lld ms", latency.elapsed());

        // Bob's audit view grew by what Alice's console appended (read incrementally), and it agrees
        // with the log.
        Database auditDb;
        QVERIFY(auditDb.open(url, QStringLiteral("team-gui-audit")).ok());
        AuditLog log(auditDb);
        AuditFilter filter;
        filter.newestFirst = true;
        const auto all = log.query(filter);
        QVERIFY(all.ok());
        QTRY_COMPARE_WITH_TIMEOUT(qint64(bob.auditPage()->model()->rowCount()), qint64(all->size()), 1000);
        QVERIFY(bob.auditPage()->model()->rowCount() > bobAuditBefore);
        QCOMPARE(bob.auditPage()->model()->events().first().seq, all->first().seq);
        QVERIFY(log.verify()->ok());
    }

    // Alice's GUI run holds its leases with the heartbeat: while her console lives, Bob cannot take the
    // instance even after the lease timeout. Once her heartbeat stops (the console hangs) Bob's run takes
    // it over, and Alice's console says to whom it lost the lease and writes nothing more.
    void theGuiHeartbeatHoldsTheLeaseAndALostLeaseIsShown()
    {
        QString error;
        const QString url = m_postgres.createDatabase(QStringLiteral("leases"), &error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        UpgradeWindow alice;
        alice.session()->setLeaseTimeout(1000ms);
        QVERIFY(alice.openStore(url).ok());
        QVERIFY(alice.session()->createRun(makePlan({QStringLiteral("a")}), QStringLiteral("alice")).ok());
        RunExecutor *run = alice.session()->run();

        Database other;
        QVERIFY(other.open(url, QStringLiteral("team-gui-bob")).ok());
        RunRepository bobRuns(other);
        LeaseRepository bobLeases(other);
        bobLeases.setExpiry(1000ms);
        RunRecord record;
        record.runbookId = QStringLiteral("team-gui");
        record.targetVersion = QStringLiteral("1.1.0");
        record.operatorName = QStringLiteral("bob");
        record.state = RunState::Planned;
        const qint64 bobRun = *bobRuns.create(record);

        QTest::qWait(1600);   // longer than the timeout: only the heartbeat keeps Alice's lease
        const auto refused = bobLeases.acquire(bobRun, QStringLiteral("bob"), {QStringLiteral("a")});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("a is in run %1 (operator alice)").arg(run->runId())),
                 qPrintable(refused.error().toString()));

        // Alice's console hangs (its event loop does not run): no heartbeat, Bob takes a over.
        QThread::msleep(1300);
        QVERIFY(bobLeases.acquire(bobRun, QStringLiteral("bob"), {QStringLiteral("a")}).ok());
        // Alice's console runs again: the heartbeat finds out, the run stops and the window says why.
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), RunState::Interrupted, 2000);
        QVERIFY(run->hasLostLease());
        const QString shown = alice.findChild<MessageWidget *>(QStringLiteral("upgradeMessage"))->text();
        QVERIFY2(shown.contains(QStringLiteral("lost its lease on a to run %1 (operator bob)").arg(bobRun)), qPrintable(shown));
        snap(&alice, m_dir.path(), QStringLiteral("team-lease-lost.png"));
        QVERIFY(!run->start(QStringLiteral("alice")).ok());
    }

    // The server wants a password that neither the URL, PGPASSWORD nor ~/.pgpass gives: the console asks,
    // again when it is refused; it is in no settings file and no log line afterwards.
    void askedForAPasswordThatIsNeverStoredOrLogged()
    {
        const QString password = QStringLiteral("s3cret-Pa55:w@rd");
        QString error;
        const QString url0 = m_postgres.createDatabase(QStringLiteral("login"), &error);
        QVERIFY2(!url0.isEmpty(), qPrintable(error));
        QVERIFY2(m_postgres.execute(QStringLiteral("postgres"),
                                    QStringLiteral("CREATE ROLE carol LOGIN SUPERUSER PASSWORD '%1'").arg(password)).isEmpty(), "role");
        QVERIFY2(m_postgres.requirePasswordFor(QStringLiteral("carol")).isEmpty(), "pg_hba");
        const QString url = QStringLiteral("postgresql://carol@127.0.0.1:%1/login").arg(m_postgres.port());
        QTRY_VERIFY(!Database::probe(url).ok());   // the reloaded pg_hba.conf applies

        qunsetenv("PGPASSWORD");
        const QString emptyPass = m_dir.filePath(QStringLiteral("pgpass-empty"));
        QFile(emptyPass).open(QIODevice::WriteOnly);
        QFile::setPermissions(emptyPass, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        qputenv("PGPASSFILE", emptyPass.toUtf8());

        // Asked, refused once (a typo), asked again.
        QStringList problems;
        QStringList answers{QStringLiteral("typo"), password};
        const auto login = DatabaseLogin::resolve(url, [&](const QString &shown, const QString &problem) -> std::optional<QString> {
            problems << problem;
            if (shown.contains(password) || shown.contains(QStringLiteral("typo")))
                qFatal("the password is shown");
            return answers.takeFirst();
        });
        QVERIFY2(login.ok(), qPrintable(login.ok() ? QString() : login.error().toString()));
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.at(0).contains(QStringLiteral("PGPASSWORD")));
        QVERIFY(problems.at(1).contains(QStringLiteral("refused")));
        QVERIFY(Database::probe(*login).ok());

        // Cancelled: refused, saying what to do.
        const auto cancelled = DatabaseLogin::resolve(url, [](const QString &, const QString &) { return std::optional<QString>(); });
        QVERIFY(!cancelled.ok());
        QVERIFY(cancelled.error().hint.contains(QStringLiteral(".pgpass")));

        // PGPASSWORD or ~/.pgpass give it: nobody is asked.
        auto never = [](const QString &, const QString &) -> std::optional<QString> {
            qFatal("asked although libpq has the password");
            return std::nullopt;
        };
        qputenv("PGPASSWORD", password.toUtf8());
        QCOMPARE(*DatabaseLogin::resolve(url, never), url);
        qunsetenv("PGPASSWORD");
        const QString pgpass = m_dir.filePath(QStringLiteral("pgpass"));
        {
            QFile f(pgpass);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("127.0.0.1:%1:login:carol:%2\n").arg(m_postgres.port()).arg(QString(password).replace(QLatin1Char(':'), QStringLiteral("\\:"))).toUtf8());
        }
        QFile::setPermissions(pgpass, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        qputenv("PGPASSFILE", pgpass.toUtf8());
        QCOMPARE(*DatabaseLogin::resolve(url, never), url);
        qputenv("PGPASSFILE", emptyPass.toUtf8());

        // The console keeps the URL (without password) in its settings and works with the one it was
        // given; its log and settings never see the password, not even in errors.
        QTemporaryDir data;
        Logging::Options options;
        options.directory = data.path();
        options.console = false;
        QVERIFY(Logging::init(options).ok());
        Settings::open(data.filePath(QStringLiteral("lockstep.ini")));
        {
            // Settings → Store: an operator pastes the URL with the password; it is saved without.
            InMemoryInventoryService inventory;
            MainWindow main(&inventory);
            main.findChild<QAction *>(QStringLiteral("actionStoreSettings"))->trigger();
            auto *dialog = main.findChild<QDialog *>(QStringLiteral("storeSettingsDialog"));
            QVERIFY(dialog && dialog->isVisible());
            dialog->findChild<QLineEdit *>(QStringLiteral("storeLocation"))->setText(*login);
            auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("storeButtons"));
            QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
            QCOMPARE(Settings::instance().get(settings::databaseUrl), url);
            const QString info = main.findChild<MessageWidget *>()->text();
            QVERIFY2(info.contains(QStringLiteral("password was not saved")), qPrintable(info));
        }
        {
            UpgradeWindow window;
            QVERIFY(window.openStore(*login).ok());
            QVERIFY(window.session()->createRun(makePlan({QStringLiteral("c")}), QStringLiteral("carol")).ok());
            QString wrong = *login;
            wrong.replace(QStringLiteral("/login"), QStringLiteral("/no-such-database"));
            const Status failed = window.openStore(wrong);
            QVERIFY(!failed.ok());
            qWarning("%s", qPrintable(failed.error().toString()));
            QVERIFY(!failed.error().toString().contains(password));
            QVERIFY(!window.findChild<MessageWidget *>(QStringLiteral("upgradeMessage"))->text().contains(password));
            qInfo("store %s", qPrintable(Database::displayLocation(*login)));
        }
        Settings::instance().sync();
        Logging::flush();
        const QString logPath = Logging::filePath();
        Logging::shutdown();
        for (const QString &path : {logPath, Settings::instance().fileName()}) {
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray content = f.readAll();
            QVERIFY2(!content.isEmpty(), qPrintable(path));
            QVERIFY2(!content.contains(password.toUtf8()), qPrintable(path));
            QVERIFY2(!content.contains(QUrl::toPercentEncoding(password)), qPrintable(path));
        }
        Settings::createTemporary();
    }
};

QTEST_MAIN(TestTeamGui)
#include "tst_team_gui.moc"
