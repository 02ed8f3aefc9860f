#include "ui/report/ReportPage.h"

#include "ui/common/MessageWidget.h"
#include "ui/report/RunReport.h"
#include "ui/report/SaveFileDialog.h"

#include <QDir>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace lockstep {

ReportPage::ReportPage(QWidget *parent)
    : QWidget(parent)
    , m_message(new MessageWidget(this))
    , m_preview(new QTextBrowser(this))
    , m_html(new QPushButton(tr("Export &HTML…"), this))
    , m_pdf(new QPushButton(tr("Export &PDF…"), this))
{
    setObjectName(QStringLiteral("reportPage"));
    m_message->setObjectName(QStringLiteral("reportMessage"));
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    m_html->setObjectName(QStringLiteral("reportExportHtml"));
    m_pdf->setObjectName(QStringLiteral("reportExportPdf"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_html);
    buttons->addWidget(m_pdf);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_preview, 1);
    layout->addLayout(buttons);
    connect(m_html, &QPushButton::clicked, this, &ReportPage::exportHtml);
    connect(m_pdf, &QPushButton::clicked, this, &ReportPage::exportPdf);
}

void ReportPage::refresh()
{
    const auto data = m_source ? m_source() : std::nullopt;
    m_html->setEnabled(data.has_value());
    m_pdf->setEnabled(data.has_value());
    if (!data) {
        m_preview->setPlainText(tr("No run yet: the report describes the current run."));
        return;
    }
    auto doc = RunReport::document(*data);
    doc->setParent(m_preview);
    m_preview->setDocument(doc.release());
}

void ReportPage::exportHtml()
{
    const auto data = m_source ? m_source() : std::nullopt;
    if (!data)
        return;
    const QString path = SaveFileDialog::getSaveFileName(this, tr("Export the run report"),
                                                         QDir::home().filePath(QStringLiteral("lockstep-run-%1.html").arg(data->runId)),
                                                         tr("HTML (*.html)"));
    if (path.isEmpty())
        return;
    if (Status s = RunReport::writeHtml(*data, path); !s)
        m_message->showMessage(s.error().toString(), MessageWidget::Type::Error);
    else
        m_message->showMessage(tr("Report written to %1.").arg(path), MessageWidget::Type::Positive);
}

void ReportPage::exportPdf()
{
    const auto data = m_source ? m_source() : std::nullopt;
    if (!data)
        return;
    const QString path = SaveFileDialog::getSaveFileName(this, tr("Export the run report"),
                                                         QDir::home().filePath(QStringLiteral("lockstep-run-%1.pdf").arg(data->runId)),
                                                         tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (Status s = RunReport::writePdf(*data, path); !s)
        m_message->showMessage(s.error().toString(), MessageWidget::Type::Error);
    else
        m_message->showMessage(tr("Report written to %1.").arg(path), MessageWidget::Type::Positive);
}

} // namespace lockstep
