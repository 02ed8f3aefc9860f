#pragma once

#include "models/run/GateMeasurementRecord.h"

#include <QImage>
#include <QList>
#include <QPair>
#include <QString>

namespace lockstep {

// The report's chart of one gate from the readings kept with the run: value over time as a line with
// a dot per reading (red where it failed), the threshold as a dashed line, a thin mark where a wave's
// readings begin. Drawn with QPainter (the report is QtGui only, no chart widgets), so the report of any
// stored run — from the console or lockstep-cli — has its gates' charts.
namespace GateReadingChart {

QImage render(const QString &title, const QList<GateMeasurementRecord> &readings, QSize size = QSize(900, 260));
// One chart per gate that has a value among `readings`, titled "error-rate (error_rate < 0.03)".
QList<QPair<QString, QImage>> charts(const QList<GateMeasurementRecord> &readings);

} // namespace GateReadingChart

} // namespace lockstep
