#pragma once

#include <QDateTime>
#include <QFrame>
#include <QTimer>

class QLabel;
class QProgressBar;
class QPushButton;

namespace lockstep {

// The bar above the progress grid while an automatic rollback counts down: what will be rolled back
// (instances and versions), why, the seconds left, and the two ways out — cancel (the run pauses for the
// operator) or roll back now. It only shows; the engine's timer decides when the rollback starts.
class RollbackCountdown : public QFrame
{
    Q_OBJECT
public:
    explicit RollbackCountdown(QWidget *parent = nullptr);

    // `what` names the instances and versions and says why; the countdown runs from now to `deadline`.
    void start(const QString &what, const QDateTime &deadline);
    void stop();
    bool isCounting() const { return m_deadline.isValid(); }
    QString text() const;

signals:
    void cancelRequested();
    void rollbackNowRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void tick();
    void applyColors();

    QLabel *m_text;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    QPushButton *m_now;
    QTimer m_tick;
    QString m_what;
    QDateTime m_deadline;
    qint64 m_totalMs = 0;
    bool m_applying = false;
};

} // namespace lockstep
