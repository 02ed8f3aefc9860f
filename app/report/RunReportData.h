#pragma once

#include "app/engine/ChecklistItemStatus.h"
#include "models/AuditEvent.h"
#include "models/run/GateMeasurementRecord.h"
#include "models/run/Plan.h"
#include "models/run/StepResult.h"

#include <QImage>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lockstep {

// Everything a run report shows, gathered from the engine, the store and the gate panel.
struct RunReportData
{
    qint64 runId = 0;
    Plan plan;
    QString state;
    QString note;
    QString operatorName;
    QList<ChecklistItemStatus> checklist;
    QList<StepResult> attempts;
    QString gateVerdict;                    // what the gates decided last, and why
    QStringList gateHeader;
    QList<QStringList> gateRows;            // as the gate panel shows them
    QList<QPair<QString, QImage>> charts;   // gate title, chart image
    QList<GateMeasurementRecord> measurements;   // every gate reading kept with the run, oldest first
    QList<AuditEvent> decisions;            // this run's audit records, oldest first
    QString auditHead;                      // the audit chain's head hash; empty when there is no audit log
};

} // namespace lockstep
