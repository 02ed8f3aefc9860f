#pragma once

#include "ui/report/RunReportData.h"

#include <QWidget>

#include <functional>
#include <optional>

class QPushButton;
class QTextBrowser;

namespace lockstep {

class MessageWidget;

// The run report: a preview and export to HTML or PDF. The data comes from a source function the
// upgrade window provides (the current run, the store, the gate panel).
class ReportPage : public QWidget
{
    Q_OBJECT
public:
    using Source = std::function<std::optional<RunReportData>()>;

    explicit ReportPage(QWidget *parent = nullptr);

    void setSource(Source source) { m_source = std::move(source); }
    void refresh();
    void exportHtml();
    void exportPdf();

private:
    Source m_source;
    MessageWidget *m_message;
    QTextBrowser *m_preview;
    QPushButton *m_html;
    QPushButton *m_pdf;
};

} // namespace lockstep
