#pragma once

#include "models/Result.h"

#include <QObject>
#include <QSqlDriver>
#include <QString>
#include <QVariant>

namespace lockstep {

class Database;

// Live updates between consoles. Every repository write that others may want to see calls
// Database::notify(kind, runId); on PostgreSQL that is a NOTIFY on Database::kNotifyChannel, which this
// object LISTENs to on the store's connection (QSqlDriver::subscribeToNotification), so a sign-off made
// in one console reaches the others as a signal within a moment and nobody polls the tables.
// On SQLite (one console) the same signals come from writes in this process.
// Lives on the thread that owns the Database; signals fire from its event loop.
class StoreNotifier : public QObject
{
    Q_OBJECT
public:
    explicit StoreNotifier(Database &db, QObject *parent = nullptr);
    ~StoreNotifier() override;

    // False (with why) when the server refused the LISTEN.
    Status status() const { return m_status; }

    // Called by Database::notify for SQLite stores: delivers to the notifiers of that location.
    static void deliverLocal(const QString &location, const QString &payload);

signals:
    void signOffAdded(qint64 runId);
    void stepStarted(qint64 runId);
    void stepResultAdded(qint64 runId);      // also gate verdicts: gate steps are step results
    void runChanged(qint64 runId);           // state, wave, note
    void leasesChanged(qint64 runId);
    void auditAppended(qint64 runId);
    // Every event, for views that refresh on anything.
    void changed(const QString &kind, qint64 runId);

private:
    void onDriverNotification(const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void dispatch(const QString &payload);

    Database &m_db;
    QString m_location;
    Status m_status = okStatus();
};

} // namespace lockstep
