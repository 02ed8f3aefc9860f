#include "app/report/RunReport.h"

#include "app/engine/LaneState.h"
#include "app/engine/Planner.h"
#include "app/report/GateMeasurementTable.h"
#include "app/engine/Policy.h"
#include "models/Clock.h"
#include "app/audit/AuditSubject.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

#include <chrono>

namespace lockstep {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString row(const QStringList &cells, bool header = false)
{
    QString out = QStringLiteral("<tr>");
    for (const QString &c : cells)
        out += (header ? QStringLiteral("<th>") : QStringLiteral("<td>")) + c + (header ? QStringLiteral("</th>") : QStringLiteral("</td>"));
    return out + QStringLiteral("</tr>");
}

// Output in a table cell: long lines broken so one line never widens the whole table.
QString monospace(const QString &text)
{
    QStringList lines;
    for (QString line : text.split(QLatin1Char('\n'))) {
        while (line.size() > 90) {
            lines << line.left(90);
            line = line.mid(90);
        }
        lines << line;
    }
    return QStringLiteral("<span style=\"font-family:monospace;font-size:8pt\">") + lines.join(QLatin1Char('\n')).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))
           + QStringLiteral("</span>");
}

QString pngDataUrl(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(bytes.toBase64());
}

// "1.0 s", "3 min": the report is English throughout, like its other labels.
QString duration(std::chrono::milliseconds d)
{
    const qint64 ms = d.count();
    if (ms <= 0)
        return {};
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 10000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 120)
        return QStringLiteral("%1 s").arg(s);
    if (s < 3600)
        return QStringLiteral("%1 min").arg(s / 60);
    return QStringLiteral("%1 h %2 min").arg(QString::number(s / 3600), QString::number((s % 3600) / 60));
}

QString time(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QString();
}

} // namespace

QString RunReport::html(const RunReportData &d, bool embedImages)
{
    const PlanPreview p = Planner::preview(d.plan, Clock::instance().now());
    QString h;
    h += QStringLiteral("<html><head><meta charset=\"utf-8\"><title>Run %1</title>"
                        "<style>body{font-family:sans-serif;font-size:10pt} table{border-collapse:collapse} "
                        "table{width:100%} td,th{border:1px solid #999;padding:2px 6px;vertical-align:top} th{background:#eee} "
                        "pre{font-size:8pt;margin:0}</style></head><body>")
             .arg(d.runId);
    h += QStringLiteral("<h1>Run %1: %2 → %3</h1>").arg(d.runId).arg(esc(p.runbookId), esc(p.targetVersion));
    h += QStringLiteral("<p>State <b>%1</b>%2. Operator %3. %4 change, %5 instances. Report made %6.</p>")
             .arg(esc(d.state), d.note.isEmpty() ? QString() : QString(QStringLiteral(": ") + esc(d.note)), esc(d.operatorName),
                  esc(changeClassName(p.changeClass)), QString::number(d.plan.instanceCount()),
                  esc(time(Clock::instance().now())));
    h += QStringLiteral("<p>Audit chain head: <code>%1</code></p>")
             .arg(d.auditHead.isEmpty() ? QStringLiteral("(no audit log in this console yet)") : esc(d.auditHead));

    h += QStringLiteral("<h2>Plan</h2><table>") + row({QStringLiteral("Wave"), QStringLiteral("Instances"), QStringLiteral("Expected")}, true);
    for (int i = 0; i < p.waves.size(); ++i)
        h += row({QStringLiteral("%1. %2").arg(i + 1).arg(esc(p.waves[i].name)), esc(p.waves[i].instances.join(QStringLiteral(", "))),
                  duration(p.waves[i].expected)});
    auto stepList = [&](const QList<PlanPreview::StepLine> &lines) {
        QStringList s;
        for (const auto &st : lines)
            s << st.id + (st.expected.count() ? QStringLiteral(" (") + duration(st.expected) + QLatin1Char(')') : QString());
        return s.join(QStringLiteral(" → "));
    };
    h += QStringLiteral("</table>");
    // The run-level steps (before:/after:) ran once for the whole run.
    if (!p.before.isEmpty())
        h += QStringLiteral("<p>Once, before the first instance: %1</p>").arg(esc(stepList(p.before)));
    h += QStringLiteral("<p>Steps: %1</p>").arg(esc(stepList(p.steps)));
    if (!p.after.isEmpty())
        h += QStringLiteral("<p>Once, after the last wave: %1</p>").arg(esc(stepList(p.after)));
    h += QStringLiteral("<p>Rollback: %1</p><p>Maintenance window: %2</p>")
             .arg(
                  esc([&] {
                      QStringList s;
                      for (const auto &st : p.rollback)
                          s << st.id;
                      return s.isEmpty() ? QStringLiteral("undo steps only") : s.join(QStringLiteral(" → "));
                  }()),
                  esc(p.windowStatus));
    if (!d.plan.overrides.isEmpty()) {
        h += QStringLiteral("<h2>Overrides</h2><ul>");
        for (const PolicyOverride &o : d.plan.overrides)
            h += QStringLiteral("<li>%1%2 by %3: %4</li>")
                     .arg(esc(policyOverrideKindName(o.kind)), o.instance.isEmpty() ? QString() : QString(QStringLiteral(" for ") + esc(o.instance)),
                          esc(o.operatorName), esc(o.reason));
        h += QStringLiteral("</ul>");
    }

    h += QStringLiteral("<h2>Checklist</h2><table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">")
         + row({QStringLiteral("Item"), QStringLiteral("Check"), QStringLiteral("Sign-offs"), QStringLiteral("Evidence")}, true);
    for (const ChecklistItemStatus &c : d.checklist) {
        QStringList signs;
        for (const SignOff &s : c.signOffs)
            signs << QStringLiteral("%1, %2: %3").arg(esc(s.operatorName), esc(time(s.signedAt)), esc(s.comment));
        const char *check[] = {"manual", "not run", "running", "passed", "failed"};
        h += row({esc(c.title.isEmpty() ? c.id : c.title), QLatin1String(check[int(c.check)]), signs.join(QStringLiteral("<br>")),
                  monospace(c.evidence.join(QLatin1Char('\n')).left(kMaxOutputChars))});
    }
    h += QStringLiteral("</table>");

    h += QStringLiteral("<h2>Steps</h2><table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">")
         + row({QStringLiteral("Started"), QStringLiteral("Phase"), QStringLiteral("Instance"), QStringLiteral("Step"), QStringLiteral("Outcome"),
                QStringLiteral("Duration"), QStringLiteral("Output (last lines)")},
               true);
    QStringList rollbacks;
    for (const StepResult &s : d.attempts) {
        const QString who = s.instance.isEmpty() ? QStringLiteral("run (once)") : s.instance;   // run-level steps
        if (s.phase == RunPhase::Rollback && !rollbacks.contains(who))
            rollbacks << who;
        QString out = s.outputTail.right(kMaxOutputChars);
        if (out.size() < s.outputTail.size())
            out = QStringLiteral("…") + out;
        h += row({esc(s.startedAt.toUTC().toString(QStringLiteral("HH:mm:ss"))), esc(runPhaseName(s.phase)), esc(who), esc(s.step) + (s.attempt > 1 ? QStringLiteral(" #%1").arg(s.attempt) : QString()),
                  esc(s.outcome ? stepOutcomeName(*s.outcome) : QStringLiteral("no result")) + (s.note.isEmpty() ? QString() : QString(QStringLiteral("<br>") + esc(s.note))),
                  QStringLiteral("%1 ms").arg(s.durationMs), monospace(out)});
    }
    h += QStringLiteral("</table>");
    // Each with where its rollback ended: one left needing restore (a step nothing undoes) is not rolled back.
    const QList<InstanceProgress> ended = LaneState::progressOf(d.plan, parseRunState(d.state).value_or(RunState::Failed), d.attempts);
    for (QString &who : rollbacks)
        for (const InstanceProgress &p : ended)
            if (p.instance == who)
                who += p.state == InstanceState::NeedsRestore
                           ? QStringLiteral(" (left on %1 — needs restore)").arg(d.plan.targetVersion.toString())
                           : QStringLiteral(" (%1)").arg(instanceStateName(p.state));
    h += QStringLiteral("<h2>Rollbacks</h2><p>%1</p>").arg(rollbacks.isEmpty() ? QStringLiteral("None.") : esc(rollbacks.join(QStringLiteral(", "))));

    h += QStringLiteral("<h2>Gates</h2><p>%1</p>").arg(esc(d.gateVerdict));
    if (!d.gateRows.isEmpty()) {
        h += QStringLiteral("<table>") + row(d.gateHeader, true);
        for (const QStringList &r : d.gateRows) {
            QStringList cells;
            for (const QString &c : r)
                cells << esc(c);
            h += row(cells);
        }
        h += QStringLiteral("</table>");
    }
    for (int i = 0; i < d.charts.size(); ++i)
        h += QStringLiteral("<p>%1<br><img src=\"%2\" width=\"600\"></p>")
                 .arg(esc(d.charts[i].first), embedImages ? pngDataUrl(d.charts[i].second) : QStringLiteral("chart-%1.png").arg(i));
    h += GateMeasurementTable::html(d.plan, d.measurements);
    h += QStringLiteral("<h2>Decisions (audit log)</h2><table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"3\">")
         + row({QStringLiteral("#"), QStringLiteral("Time"), QStringLiteral("Operator"), QStringLiteral("Action"), QStringLiteral("Instance"),
                QStringLiteral("Step"), QStringLiteral("Result"), QStringLiteral("Reason")},
               true);
    for (const AuditEvent &e : d.decisions)
        h += row({QString::number(e.seq), esc(time(e.time)), esc(e.operatorName), esc(e.action), esc(e.instance), esc(auditSubject(e)),
                  esc(e.result), esc(e.reason)});
    h += QStringLiteral("</table>");
    h += QStringLiteral("</body></html>");
    return h;
}

std::unique_ptr<QTextDocument> RunReport::document(const RunReportData &data)
{
    auto doc = std::make_unique<QTextDocument>();
    for (int i = 0; i < data.charts.size(); ++i)
        doc->addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart-%1.png").arg(i)), data.charts[i].second);
    doc->setHtml(html(data, false));
    return doc;
}

Status RunReport::writeHtml(const RunReportData &data, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString()), path, {}};
    file.write(html(data, true).toUtf8());
    if (!file.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString()), path, {}};
    return okStatus();
}

Status RunReport::writePdf(const RunReportData &data, const QString &path)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(150);
    writer.setTitle(QStringLiteral("Lockstep run %1").arg(data.runId));
    writer.setCreator(QStringLiteral("Lockstep"));
    auto doc = document(data);
    doc->print(&writer);
    if (!QFile::exists(path) || QFile(path).size() == 0)
        return Error{QStringLiteral("cannot write %1").arg(path), path, {}};
    return okStatus();
}

} // namespace lockstep
