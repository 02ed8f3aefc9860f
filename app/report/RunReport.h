#pragma once

#include "models/Result.h"
#include "app/report/RunReportData.h"

#include <memory>

class QTextDocument;

namespace lockstep {

// The run report as change-management evidence: plan, checklist with sign-offs and evidence, the step
// timeline with durations and truncated outputs, gates with their charts, rollbacks, overrides and the
// audit chain's head. HTML (images embedded) or PDF (QTextDocument on a QPdfWriter: QtGui only).
class RunReport
{
public:
    static constexpr int kMaxOutputChars = 600;

    // `embedImages`: data: URLs for a standalone HTML file; otherwise chart-N.png resources of a document.
    static QString html(const RunReportData &data, bool embedImages);
    static std::unique_ptr<QTextDocument> document(const RunReportData &data);
    static Status writeHtml(const RunReportData &data, const QString &path);
    static Status writePdf(const RunReportData &data, const QString &path);
};

} // namespace lockstep
