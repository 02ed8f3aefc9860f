#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace lockstep {

class BackgroundJob;

// The inline indicator of a BackgroundJob: what is being done, a progress bar (busy while the total is
// unknown) and Cancel. Hidden while nothing runs. Children: "taskText", "taskBar", "taskCancel".
class TaskProgress : public QWidget
{
    Q_OBJECT
public:
    explicit TaskProgress(QWidget *parent = nullptr);

    // Shows `what` and follows `job` until it finishes, then hides; Cancel cancels it.
    void follow(BackgroundJob *job, const QString &what);
    bool isBusy() const { return !m_job.isNull(); }

private:
    QPointer<BackgroundJob> m_job;
    QLabel *m_text;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace lockstep
