#include "app/cli/AnchorReportPrinter.h"

namespace lockstep {

bool printAnchorReport(const AuditAnchoring::Report &report, QTextStream &out, QTextStream &err)
{
    QStringList took;
    for (const AuditAnchoring::WitnessResult &r : report.results)
        if (!r.error && !took.contains(r.witness))
            took << r.witness;
    out << "audit head anchored: record " << report.anchor.seq << " (" << report.anchor.hash.left(16) << "…) in "
        << (took.isEmpty() ? QStringLiteral("no witness") : took.join(QStringLiteral(", "))) << '\n';
    out.flush();
    for (const QString &failure : report.failures())
        err << "warning: the audit head was not anchored in " << failure << '\n';
    if (report.failureRecordSeq > 0)
        err << "warning: the failure is audit record " << report.failureRecordSeq << '\n';
    err.flush();
    return report.ok();
}

} // namespace lockstep
