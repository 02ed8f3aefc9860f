#include "tests/support/Postgres.h"

#include "tests/support/FreePort.h"
#include "tests/support/PeerProcess.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <unistd.h>

namespace lockstep::test {

Postgres::~Postgres()
{
    stop();
}

QString Postgres::runAsOwner(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    // The cluster's owner must not inherit a working directory it cannot enter.
    p.setWorkingDirectory(m_dir.path());
    if (m_asRoot)
        p.start(QStringLiteral("/usr/sbin/runuser"),
                QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args);
    else
        p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        return QStringLiteral("%1 did not finish within %2 ms: %3")
            .arg(program).arg(timeoutMs).arg(QString::fromLocal8Bit(p.readAll()));
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("%1 failed (exit %2): %3").arg(program).arg(p.exitCode()).arg(QString::fromLocal8Bit(p.readAll()));
    return {};
}

QString Postgres::start()
{
    const QString initdb = binDir() + QStringLiteral("/initdb");
    const QString pgCtl = binDir() + QStringLiteral("/pg_ctl");
    for (const QString &program : {initdb, pgCtl})
        if (const QString missing = PeerProcess::missingProgram(program, QStringLiteral("postgresql")); !missing.isEmpty())
            return missing;
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return QStringLiteral("the Qt PostgreSQL driver QPSQL is missing; install the Debian package libqt6sql6-psql");
    if (!m_dir.isValid())
        return QStringLiteral("cannot create a temporary directory for PostgreSQL");
    m_asRoot = ::geteuid() == 0;
    if (m_asRoot) {
        if (const QString missing = PeerProcess::missingProgram(QStringLiteral("/usr/sbin/runuser"), QStringLiteral("util-linux"));
            !missing.isEmpty())
            return missing;
        // initdb refuses root: the cluster, its socket and its log belong to the postgres system user.
        QProcess chown;
        chown.start(QStringLiteral("/bin/chown"), {QStringLiteral("postgres:postgres"), m_dir.path()});
        if (!chown.waitForFinished(10000) || chown.exitCode() != 0)
            return QStringLiteral("cannot hand %1 to the postgres user: %2")
                .arg(m_dir.path(), QString::fromLocal8Bit(chown.readAllStandardError()));
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (const QString failed = runAsOwner(initdb, {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("lockstep"),
                                                   QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                                                   QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")});
        !failed.isEmpty())
        return failed;
    m_port = freePort();
    // Only 127.0.0.1; the socket lives in the temporary directory, not in /run/postgresql.
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                           "-c synchronous_commit=off -c max_connections=60")
                                .arg(m_port)
                                .arg(m_dir.path());
    if (const QString failed = runAsOwner(pgCtl, {QStringLiteral("-D"), data, QStringLiteral("-o"), options, QStringLiteral("-l"),
                                                  m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
                                                  QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("start")});
        !failed.isEmpty())
        return failed + QStringLiteral("\nserver log:\n") + log();
    m_running = true;
    return {};
}

void Postgres::stop()
{
    if (!m_running)
        return;
    m_running = false;
    runAsOwner(binDir() + QStringLiteral("/pg_ctl"),
               {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"), QStringLiteral("immediate"),
                QStringLiteral("-w"), QStringLiteral("stop")},
               30000);
}

QString Postgres::url(const QString &database) const
{
    return QStringLiteral("postgresql://lockstep@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

QString Postgres::url(const QString &database, const QString &user) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(user).arg(m_port).arg(database);
}

QString Postgres::createDatabase(const QString &name, QString *error)
{
    const QString connection = QStringLiteral("postgres-fixture-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(QStringLiteral("lockstep"));
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            failure = QStringLiteral("cannot connect to the test cluster: %1").arg(db.lastError().text());
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name)))
                failure = QStringLiteral("cannot create database %1: %2").arg(name, q.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        return {};
    }
    return url(name);
}

QString Postgres::execute(const QString &database, const QString &sql, const QString &user)
{
    const QString connection = QStringLiteral("postgres-fixture-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(user);
        db.setDatabaseName(database);
        if (!db.open()) {
            failure = QStringLiteral("cannot connect to %1 on the test cluster: %2").arg(database, db.lastError().text());
        } else {
            QSqlQuery q(db);
            if (!q.exec(sql))
                failure = QStringLiteral("%1: %2").arg(sql, q.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return failure;
}

QString Postgres::requirePasswordFor(const QString &role)
{
    // The first matching pg_hba.conf line wins: this one goes before initdb's "trust" lines.
    QFile hba(m_dir.filePath(QStringLiteral("data/pg_hba.conf")));
    if (!hba.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1").arg(hba.fileName());
    const QByteArray rest = hba.readAll();
    hba.close();
    if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QStringLiteral("cannot write %1").arg(hba.fileName());
    hba.write(QStringLiteral("host all %1 127.0.0.1/32 scram-sha-256\n").arg(role).toUtf8() + rest);
    hba.close();
    return execute(QStringLiteral("postgres"), QStringLiteral("SELECT pg_reload_conf()"));
}

QString Postgres::log() const
{
    QFile f(m_dir.filePath(QStringLiteral("server.log")));
    return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QString();
}

} // namespace lockstep::test
