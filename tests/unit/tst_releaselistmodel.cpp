#include "models/itemmodels/ReleaseListModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace lockstep;

class TestReleaseListModel : public QObject
{
    Q_OBJECT
private slots:
    void listsNewerReleasesNewestFirst()
    {
        ReleaseListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Release> releases;
        for (const char *v : {"1.2.0", "1.10.0", "1.9.1", "1.0.0", "not-a-version"}) {
            Release r;
            r.product = QStringLiteral("graph-api");
            r.version = QString::fromLatin1(v);
            r.security = r.version == QLatin1String("1.9.1");
            r.breaking = r.version == QLatin1String("1.10.0");
            r.notesUrl = QUrl(QStringLiteral("http://127.0.0.1/notes/") + r.version);
            releases << r;
        }
        model.setReleases(releases, QStringLiteral("1.2.0"), QStringLiteral("1.9.1"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ReleaseListModel::Version).data().toString(), QStringLiteral("1.10.0"));
        QCOMPARE(model.index(0, ReleaseListModel::Flags).data().toString(), QStringLiteral("breaking"));
        QCOMPARE(model.index(1, ReleaseListModel::Flags).data().toString(), QStringLiteral("security"));
        QVERIFY(model.index(1, 0).data(ReleaseListModel::AllowedRole).toBool());
        QCOMPARE(model.index(1, 0).data(ReleaseListModel::NotesUrlRole).toUrl().path(), QStringLiteral("/notes/1.9.1"));
        model.setReleases(releases, QString(), QString());
        QCOMPARE(model.rowCount(), 4);   // unknown current version: every valid release is newer
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestReleaseListModel)
#include "tst_releaselistmodel.moc"
