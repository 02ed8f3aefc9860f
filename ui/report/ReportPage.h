#pragma once

#include "app/report/RunReportData.h"
#include "models/Result.h"

#include <QList>
#include <QPair>
#include <QWidget>

#include <functional>

class QComboBox;
class QPushButton;
class QTextBrowser;

namespace lockstep {

class MessageWidget;
class TaskProgress;

// The run report of any run: pick it (the current run first, then the store's runs, newest first),
// preview it, export it to HTML or PDF. The upgrade window provides the runs and each run's data (from
// the store, plus the live gate panel for the run it drives). Exports are written on a worker thread
// with progress and Cancel; a cancelled export leaves no file.
class ReportPage : public QWidget
{
    Q_OBJECT
public:
    using RunList = std::function<QList<QPair<qint64, QString>>()>;   // run id, label
    using Source = std::function<Result<RunReportData>(qint64 runId)>;

    explicit ReportPage(QWidget *parent = nullptr);

    void setRunList(RunList runs) { m_runs = std::move(runs); }
    void setSource(Source source) { m_source = std::move(source); }
    // Reads the runs again (the picked one stays picked) and shows its report.
    void refresh();
    // Picks `runId` and shows its report.
    void showRun(qint64 runId);
    qint64 shownRun() const;
    void exportHtml();
    void exportPdf();

private:
    void fillRuns();
    void showReport();
    void exportTo(bool pdf);

    RunList m_runs;
    Source m_source;
    MessageWidget *m_message;
    QComboBox *m_run;
    QTextBrowser *m_preview;
    TaskProgress *m_progress;
    QPushButton *m_html;
    QPushButton *m_pdf;
};

} // namespace lockstep
