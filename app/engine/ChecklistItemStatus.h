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
    bool runScope = false;              // the check runs once per run (scope: run), not on every instance
    QStringList evidence;               // per instance: "name: outcome: output" (scope: run: "run: ...")
    int signoffsRequired = 0;
    QList<SignOff> signOffs;
    // How many of signOffs count under the item's rule (Checklist: distinct, authenticated operators, not
    // the initiator when excluded, not expired), and why the others do not ("alice started this run").
    // -1: not evaluated, every sign-off counts.
    int counted = -1;
    QStringList notCounted;

    int countedSignOffs() const { return counted >= 0 ? counted : int(signOffs.size()); }
    bool satisfied() const
    {
        const bool checked = check == Check::None || check == Check::Passed;
        return checked && countedSignOffs() >= signoffsRequired;
    }
    // Why it is not satisfied, in one line; empty when it is.
    QString missing() const
    {
        if (check == Check::NotRun || check == Check::Running)
            return QStringLiteral("check has not passed yet");
        if (check == Check::Failed)
            return QStringLiteral("check failed");
        if (countedSignOffs() >= signoffsRequired)
            return {};
        QString text = QStringLiteral("%1 of %2 sign-offs").arg(countedSignOffs()).arg(signoffsRequired);
        QStringList signers;
        for (const SignOff &s : signOffs)
            signers << s.operatorName;
        if (!signers.isEmpty())
            text += QStringLiteral("; needs %1 operator other than %2")
                        .arg(signoffsRequired - countedSignOffs() > 1 ? QStringLiteral("another") : QStringLiteral("a second"),
                             signers.join(QStringLiteral(", ")));
        for (const QString &why : notCounted)
            text += QStringLiteral("; ") + why;
        return text;
    }
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::ChecklistItemStatus)
