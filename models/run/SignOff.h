#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace lockstep {

// An operator's signature on a checklist item or an approval: who, when, what they said and saw.
struct SignOff
{
    qint64 id = 0;
    qint64 runId = 0;
    QString item;                       // checklist item id, or "approve-wave-N"
    QString operatorName;
    QDateTime signedAt;
    QString comment;
    QString evidence;                   // what the operator saw (check output), may be empty
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::SignOff)
