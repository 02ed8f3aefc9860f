#pragma once

#include <QDateTime>
#include <QString>

namespace lockstep {

// A backup taken through POST /api/instances/NAME/backup.
struct SimBackup
{
    QString id;
    QString status;        // "running", then "completed"
    QDateTime created;
    QString version;       // what the instance ran when the backup was taken
    int schemaVersion = 0; // what restore brings back
};

} // namespace lockstep
