#include "app/report/GateMeasurementTable.h"

#include <QHash>
#include <QStringList>

namespace lockstep::GateMeasurementTable {

namespace {

QString cells(const QStringList &values, bool header)
{
    const QString open = header ? QStringLiteral("<th>") : QStringLiteral("<td>");
    const QString close = header ? QStringLiteral("</th>") : QStringLiteral("</td>");
    QString out = QStringLiteral("<tr>");
    for (const QString &v : values)
        out += open + v + close;
    return out + QStringLiteral("</tr>");
}

QString clock(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("HH:mm:ss")) : QString();
}

} // namespace

QString groupTitle(const Plan &plan, const GateMeasurementRecord &r)
{
    if (r.phase == QLatin1String(GateMeasurementRecord::kWatchPhase))
        return QStringLiteral("Watch after the last wave");
    QString wave = QStringLiteral("Wave %1").arg(r.wave);
    if (r.wave >= 1 && r.wave <= plan.waves.size() && !plan.waves[r.wave - 1].name.isEmpty())
        wave += QStringLiteral(" (%1)").arg(plan.waves[r.wave - 1].name);
    if (r.phase == QLatin1String(GateMeasurementRecord::kStepPhase))
        return wave + QStringLiteral(": gate steps of its instances");
    return wave + QStringLiteral(": gates after the wave");
}

QString value(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'g', 4) : QStringLiteral("no value");
}

QString html(const Plan &plan, const QList<GateMeasurementRecord> &records)
{
    QString h = QStringLiteral("<h2>Gate measurements</h2>");
    if (records.isEmpty())
        return h + QStringLiteral("<p>No gate reading was kept with this run.</p>");
    h += QStringLiteral("<p>%1 readings the gates judged, as they were kept with the run when judged (times UTC).</p>")
             .arg(records.size());
    // Groups in the order the run met them; readings in a group oldest first.
    QStringList order;
    QHash<QString, QList<const GateMeasurementRecord *>> groups;
    for (const GateMeasurementRecord &r : records) {
        const QString title = groupTitle(plan, r);
        if (!groups.contains(title))
            order << title;
        groups[title] << &r;
    }
    for (const QString &title : std::as_const(order)) {
        h += QStringLiteral("<h3>%1</h3><table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">").arg(title.toHtmlEscaped());
        h += cells({QStringLiteral("Time"), QStringLiteral("Gate"), QStringLiteral("Instances"), QStringLiteral("Window"),
                    QStringLiteral("Value"), QStringLiteral("Baseline"), QStringLiteral("Threshold"), QStringLiteral("Verdict"),
                    QStringLiteral("Source")},
                   true);
        for (const GateMeasurementRecord *r : groups.value(title)) {
            QString verdict = r->verdict.toHtmlEscaped();
            if (r->verdict == QLatin1String("fail") || r->verdict == QLatin1String("no-data")
                || r->verdict == QLatin1String("provider-error") || r->verdict == QLatin1String("inconclusive"))
                verdict = QStringLiteral("<b>%1</b><br><span style=\"font-size:8pt\">%2</span>")
                              .arg(r->verdict.toHtmlEscaped(), r->reason.toHtmlEscaped());
            h += cells({clock(r->measuredAt), r->gate.toHtmlEscaped(), r->scope.toHtmlEscaped(),
                        QStringLiteral("%1–%2").arg(clock(r->windowFrom), clock(r->windowTo)), value(r->value),
                        r->baseline ? value(r->baseline) : QString(), r->condition.toHtmlEscaped(), verdict,
                        r->source.toHtmlEscaped()},
                       false);
        }
        h += QStringLiteral("</table>");
    }
    return h;
}

} // namespace lockstep::GateMeasurementTable
