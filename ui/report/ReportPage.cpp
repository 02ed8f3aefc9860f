#include "ui/report/ReportPage.h"

#include "app/report/RunReport.h"
#include "ui/common/BackgroundJob.h"
#include "ui/common/MessageWidget.h"
#include "ui/common/TaskProgress.h"
#include "ui/report/SaveFileDialog.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

namespace lockstep {

ReportPage::ReportPage(QWidget *parent)
    : QWidget(parent)
    , m_message(new MessageWidget(this))
    , m_run(new QComboBox(this))
    , m_preview(new QTextBrowser(this))
    , m_progress(new TaskProgress(this))
    , m_html(new QPushButton(tr("Export H&TML…"), this))
    , m_pdf(new QPushButton(tr("Export &PDF…"), this))
{
    setObjectName(QStringLiteral("reportPage"));
    m_message->setObjectName(QStringLiteral("reportMessage"));
    m_run->setObjectName(QStringLiteral("reportRun"));
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    m_progress->setObjectName(QStringLiteral("reportProgress"));
    m_html->setObjectName(QStringLiteral("reportExportHtml"));
    m_pdf->setObjectName(QStringLiteral("reportExportPdf"));
    m_run->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *runLabel = new QLabel(tr("R&un:"), this);
    runLabel->setBuddy(m_run);
    auto *top = new QHBoxLayout;
    top->addWidget(runLabel);
    top->addWidget(m_run);
    top->addStretch(1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_progress, 1);
    buttons->addStretch(1);
    buttons->addWidget(m_html);
    buttons->addWidget(m_pdf);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(top);
    layout->addWidget(m_preview, 1);
    layout->addLayout(buttons);
    connect(m_run, &QComboBox::currentIndexChanged, this, &ReportPage::showReport);
    connect(m_html, &QPushButton::clicked, this, &ReportPage::exportHtml);
    connect(m_pdf, &QPushButton::clicked, this, &ReportPage::exportPdf);
    showReport();
}

qint64 ReportPage::shownRun() const
{
    return m_run->currentData().toLongLong();
}

void ReportPage::fillRuns()
{
    const qint64 picked = shownRun();
    const QSignalBlocker block(m_run);
    m_run->clear();
    if (m_runs)
        for (const auto &[id, label] : m_runs())
            m_run->addItem(label, id);
    const int index = m_run->findData(picked);
    m_run->setCurrentIndex(index >= 0 ? index : 0);
}

void ReportPage::refresh()
{
    fillRuns();
    showReport();
}

void ReportPage::showRun(qint64 runId)
{
    fillRuns();
    if (const int index = m_run->findData(runId); index >= 0) {
        const QSignalBlocker block(m_run);
        m_run->setCurrentIndex(index);
    }
    showReport();
}

void ReportPage::showReport()
{
    const bool any = m_run->count() > 0 && m_source;
    m_html->setEnabled(any && !m_progress->isBusy());
    m_pdf->setEnabled(any && !m_progress->isBusy());
    if (!any) {
        m_preview->setPlainText(tr("No run yet: create one on the Plan page, or open the store of earlier runs."));
        return;
    }
    auto data = m_source(shownRun());
    if (!data) {
        m_preview->setPlainText(tr("The report of run %1 cannot be made: %2").arg(QString::number(shownRun()), data.error().toString()));
        m_html->setEnabled(false);
        m_pdf->setEnabled(false);
        return;
    }
    auto doc = RunReport::document(*data);
    doc->setParent(m_preview);
    m_preview->setDocument(doc.release());
}

void ReportPage::exportHtml()
{
    exportTo(false);
}

void ReportPage::exportPdf()
{
    exportTo(true);
}

void ReportPage::exportTo(bool pdf)
{
    if (!m_source || m_run->count() == 0 || m_progress->isBusy())
        return;
    const qint64 runId = shownRun();
    const QString path = SaveFileDialog::getSaveFileName(
        this, tr("Export the run report"),
        QDir::home().filePath(QStringLiteral("lockstep-run-%1.%2").arg(QString::number(runId), pdf ? QStringLiteral("pdf") : QStringLiteral("html"))),
        pdf ? tr("PDF (*.pdf)") : tr("HTML (*.html)"));
    if (path.isEmpty())
        return;
    // What the report shows is gathered here (the store and the charts belong to this thread); laying it
    // out and writing it happen on a worker, into a temporary file that becomes `path` unless cancelled.
    auto data = m_source(runId);
    if (!data) {
        m_message->showMessage(data.error().toString(), MessageWidget::Type::Error);
        return;
    }
    m_html->setEnabled(false);
    m_pdf->setEnabled(false);
    m_message->hideMessage();
    auto *job = BackgroundJob::start(
        this,
        [data = *data, path, pdf](const BackgroundJob::Control &control) -> Status {
            const QString part = path + QStringLiteral(".part");
            if (control.isCancelled())
                return Error{QStringLiteral("export cancelled"), path, QStringLiteral("nothing was written")};
            Status written = pdf ? RunReport::writePdf(data, part) : RunReport::writeHtml(data, part);
            if (!written) {
                QFile::remove(part);
                return written;
            }
            if (control.isCancelled()) {
                QFile::remove(part);
                return Error{QStringLiteral("export cancelled"), path, QStringLiteral("nothing was written")};
            }
            QFile::remove(path);
            if (!QFile::rename(part, path)) {
                QFile::remove(part);
                return Error{QStringLiteral("cannot write %1").arg(path), path, {}};
            }
            return okStatus();
        },
        [this, path](const Status &written) {
            m_html->setEnabled(true);
            m_pdf->setEnabled(true);
            if (!written)
                m_message->showMessage(written.error().toString(), MessageWidget::Type::Error);
            else
                m_message->showMessage(tr("Report written to %1.").arg(path), MessageWidget::Type::Positive);
        });
    m_progress->follow(job, pdf ? tr("Writing the PDF report…") : tr("Writing the HTML report…"));
}

} // namespace lockstep
