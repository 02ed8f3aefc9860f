#include "app/core/LogHub.h"
#include "app/core/Logging.h"
#include "models/itemmodels/LogModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace lockstep;

Q_LOGGING_CATEGORY(lcTest, "lockstep.test")

class TestLogModel : public QObject
{
    Q_OBJECT
private slots:
    void keepsOnlyTheNewestLines()
    {
        LogModel model(100);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int batch = 0; batch < 5; ++batch) {
            for (int i = 0; i < 45; ++i)
                model.append({QDateTime::currentDateTime(), LogLevel::Info, QStringLiteral("t"),
                              QStringLiteral("line %1").arg(batch * 45 + i)});
            model.flush();
        }
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(99, LogModel::Message).data().toString(), QStringLiteral("line 224"));
        QCOMPARE(model.index(0, LogModel::Message).data().toString(), QStringLiteral("line 125"));
        // A single batch larger than the bound.
        for (int i = 0; i < 250; ++i)
            model.append({QDateTime::currentDateTime(), LogLevel::Debug, QStringLiteral("t"), QString::number(i)});
        model.flush();
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(0, LogModel::Message).data().toString(), QStringLiteral("150"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void appendsAreBatched()
    {
        LogModel model;
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 20; ++i)
            model.append({QDateTime::currentDateTime(), LogLevel::Info, QStringLiteral("t"), QString::number(i)});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(inserted.wait(2000));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 20);
    }

    void qtMessagesReachFileAndPanel()
    {
        QTemporaryDir dir;
        Logging::Options options;
        options.directory = dir.path();
        options.console = false;
        options.level = LogLevel::Debug;
        const Status status = Logging::init(options);
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().toString()));

        LogModel model;
        connect(LogHub::instance(), &LogHub::entryLogged, &model, &LogModel::append);
        qCWarning(lcTest) << "disk almost full {not a format}";
        qInfo("plain info");
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, LogModel::Source).data().toString(), QStringLiteral("lockstep.test"));
        QCOMPARE(model.index(0, LogModel::Level).data().toString(), QStringLiteral("warning"));
        QVERIFY(model.index(0, LogModel::Message).data().toString().contains(QStringLiteral("{not a format}")));
        QCOMPARE(model.index(1, LogModel::Source).data().toString(), QStringLiteral("qt"));

        Logging::flush();
        QFile file(Logging::filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("[warning] [lockstep.test] disk almost full {not a format}"));
        QVERIFY(text.contains("plain info"));
        Logging::shutdown();
    }
};

QTEST_GUILESS_MAIN(TestLogModel)
#include "tst_logmodel.moc"
