#include "ui/common/TaskProgress.h"

#include "ui/common/BackgroundJob.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace lockstep {

TaskProgress::TaskProgress(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_text->setObjectName(QStringLiteral("taskText"));
    m_bar->setObjectName(QStringLiteral("taskBar"));
    m_cancel->setObjectName(QStringLiteral("taskCancel"));
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(240);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);
    layout->addStretch(0);
    hide();
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job) {
            m_job->cancel();
            m_cancel->setEnabled(false);
            m_text->setText(tr("%1 — cancelling…").arg(m_text->text()));
        }
    });
}

void TaskProgress::follow(BackgroundJob *job, const QString &what)
{
    m_job = job;
    m_text->setText(what);
    m_bar->setRange(0, 0);   // busy until the job names a total
    m_cancel->setEnabled(true);
    show();
    connect(job, &BackgroundJob::progressed, this, [this](qint64 done, qint64 total) {
        if (total <= 0) {
            m_bar->setRange(0, 0);
            return;
        }
        // QProgressBar counts in int: large totals are scaled to per mille.
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(done * 1000 / total));
    });
    connect(job, &BackgroundJob::finished, this, [this, job] {
        if (m_job == job) {
            m_job = nullptr;
            hide();
        }
    });
}

} // namespace lockstep
