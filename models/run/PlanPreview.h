#pragma once

#include "models/SemVer.h"
#include "models/runbook/Runbook.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace lockstep {

// What the operator sees before anything runs: waves, steps, rollback, window, durations.
struct PlanPreview
{
    struct StepLine
    {
        QString id;
        QString title;
        StepKind kind = StepKind::Local;
        Millis expected{0};
        bool disruptive = false;
        bool irreversible = false;      // undo: {none: ...}: a rollback that reaches it stops for a restore by hand
    };
    struct WaveLine
    {
        QString name;
        QStringList instances;
        Millis expected{0};             // steps x ceil(instances / max_parallel)
    };

    QString runbookId;
    QString targetVersion;
    ChangeClass changeClass = ChangeClass::None;
    QList<WaveLine> waves;
    QList<StepLine> before;             // run-level: once, before the first instance
    QList<StepLine> steps;              // per instance
    QList<StepLine> after;              // run-level: once, after the last wave
    QList<StepLine> rollback;
    int maxParallel = 1;
    Millis observe{0};
    Millis gates{0};                    // interval x count of the between-waves gates, per promotion
    bool autoPromote = false;
    int timeScale = 1;                  // > 1: the demo's time scale; durations above are already shortened
    bool windowRequired = false;
    bool insideWindow = true;
    QString windowStatus;               // one line for the operator
    Millis expectedTotal{0};
    QStringList excluded;
    QString order;                      // "order: by tag:zone; last tag:role=master" (runbook `order:`); empty: as given
    QString lock;                       // the group lock and its groups (runbook `lock:`); empty: none
    QStringList overrides;              // "frozen override for a: reason (by op)"
};

} // namespace lockstep
