#pragma once

#include <QString>
#include <QTemporaryDir>

namespace lockstep::test {

// A throwaway PostgreSQL 15 cluster (Debian package `postgresql`) for a test: initdb + pg_ctl on a free
// 127.0.0.1 port, trust authentication for the generated superuser `lockstep`, removed when the object
// goes away. initdb refuses to run as root, so under root (CI) the cluster belongs to the `postgres`
// system user and the commands run through runuser; otherwise it belongs to the current user.
//
//     Postgres pg;
//     if (const QString failure = pg.start(); !failure.isEmpty())
//         QFAIL(qPrintable(failure));
//     const QString url = pg.createDatabase(QStringLiteral("store"));   // postgresql://lockstep@127.0.0.1:PORT/store
class Postgres
{
public:
    Postgres() = default;
    ~Postgres();
    Postgres(const Postgres &) = delete;
    Postgres &operator=(const Postgres &) = delete;

    // Empty when the server accepts connections; otherwise a message for QFAIL (naming the package when
    // the binaries are missing, with the server log when it failed).
    QString start();
    void stop();

    // Creates an empty database and returns its URL; an empty string (and `error` set) on failure.
    QString createDatabase(const QString &name, QString *error = nullptr);
    QString url(const QString &database) const;
    // Runs SQL in `database` as `user` (default: the superuser `lockstep`); empty on success, else the error.
    QString execute(const QString &database, const QString &sql, const QString &user = QStringLiteral("lockstep"));
    // A URL for `user` (trust authentication unless requirePasswordFor() said otherwise).
    QString url(const QString &database, const QString &user) const;
    // From now on `role` logs in over TCP with its password (SCRAM) instead of trust; empty on success.
    QString requirePasswordFor(const QString &role);
    quint16 port() const { return m_port; }
    QString log() const;

    static QString binDir() { return QStringLiteral("/usr/lib/postgresql/15/bin"); }

private:
    // Runs a PostgreSQL program as the cluster's owner; empty on success, else its output.
    QString runAsOwner(const QString &program, const QStringList &args, int timeoutMs = 60000);

    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_running = false;
    bool m_asRoot = false;
};

} // namespace lockstep::test
