#pragma once

#include "tests/support/Postgres.h"

#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace lockstep::test {

// The store tests run once per backend: a fresh SQLite file or a fresh database on one throwaway
// PostgreSQL cluster per test executable. A missing PostgreSQL fails the test; it never skips.
class StoreBackends
{
public:
    QString start() { return m_postgres.start(); }

    static void addColumn() { QTest::addColumn<QString>("backend"); }
    static void addRows()
    {
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    // A new, empty store location for `backend`; empty (and QTest failure) on error.
    QString freshLocation(const QString &backend)
    {
        ++m_counter;
        if (backend == QLatin1String("sqlite"))
            return m_dir.filePath(QStringLiteral("store%1.db").arg(m_counter));
        QString error;
        const QString url = m_postgres.createDatabase(QStringLiteral("store%1").arg(m_counter), &error);
        if (url.isEmpty())
            qWarning("%s", qPrintable(error));
        return url;
    }

    Postgres &postgres() { return m_postgres; }

private:
    Postgres m_postgres;
    QTemporaryDir m_dir;
    int m_counter = 0;
};

} // namespace lockstep::test
