#pragma once

#include "models/run/SignOff.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lockstep {

// Where one pre-upgrade checklist item stands: its automated check, its sign-offs.
struct ChecklistItemStatus
{
    enum class Check { None, NotRun, Running, Passed, Failed };

    QString id;
    QString title;
    bool required = true;
    Check check = Check::None;          // None: a manual item
    QStringList evidence;               // per instance: "name: outcome: output"
    int signoffsRequired = 0;
    QList<SignOff> signOffs;

    bool satisfied() const
    {
        const bool checked = check == Check::None || check == Check::Passed;
        return checked && signOffs.size() >= signoffsRequired;
    }
    // Why it is not satisfied, in one line; empty when it is.
    QString missing() const
    {
        if (check == Check::NotRun || check == Check::Running)
            return QStringLiteral("check has not passed yet");
        if (check == Check::Failed)
            return QStringLiteral("check failed");
        if (signOffs.size() < signoffsRequired)
            return QStringLiteral("%1 of %2 sign-offs").arg(signOffs.size()).arg(signoffsRequired);
        return {};
    }
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::ChecklistItemStatus)
