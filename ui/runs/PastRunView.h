#pragma once

#include "models/run/Plan.h"
#include "models/run/RunRecord.h"
#include "models/run/StepResult.h"

#include <QList>
#include <QWidget>

#include <functional>

namespace lockstep {

// Where the Runs page shows a past run: a widget it lays out below the list, and how to show a run in
// it. The window that has both pages gives its progress grid (read-only), so the Runs page does not
// depend on the upgrade pages.
struct PastRunView
{
    QWidget *widget = nullptr;
    std::function<void(const RunRecord &record, const Plan &plan, const QList<StepResult> &attempts)> show;
};

} // namespace lockstep
