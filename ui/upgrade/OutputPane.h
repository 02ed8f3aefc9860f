#pragma once

#include <QHash>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace lockstep {

// Live output of the selected step: lines are kept per instance/step (bounded), and the shown one gets
// its new lines appended in one batch per ~50 ms tick, so 50 MB of output never stalls the event loop.
// Search (Enter = next match) and copy.
class OutputPane : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxLinesPerStep = 5000;

    explicit OutputPane(QWidget *parent = nullptr);

    void appendLine(const QString &instance, const QString &step, const QString &line);
    // Output known only as a stored tail (a finished step of a restored or past run).
    void setTail(const QString &instance, const QString &step, const QString &tail);
    void show(const QString &instance, const QString &step);
    void clear();
    QString text() const;

private:
    static QString key(const QString &instance, const QString &step) { return instance + QLatin1Char('/') + step; }
    void flush();
    void findNext();

    QHash<QString, QStringList> m_lines;
    QString m_shown;
    QStringList m_pending;
    QTimer m_flushTimer;
    QLabel *m_title;
    QLineEdit *m_search;
    QPushButton *m_copy;
    QPlainTextEdit *m_view;
};

} // namespace lockstep
