#pragma once

#include "models/itemmodels/LogEntry.h"

#include <QObject>

namespace lockstep {

// Where log lines become signals: the log panel's model connects here. entryLogged may be emitted
// from any thread; receivers living on the GUI thread get it queued.
class LogHub : public QObject
{
    Q_OBJECT
public:
    static LogHub *instance();

signals:
    void entryLogged(const lockstep::LogEntry &entry);

private:
    LogHub();
};

} // namespace lockstep
