#pragma once

#include <QDockWidget>

class QTableView;

namespace lockstep {

class LogModel;

// The log panel: the last lines of the application log, following the newest line unless the user
// scrolled up to read.
class LogDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit LogDock(LogModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }

private:
    void onRowsInserted();

    LogModel *m_model;
    QTableView *m_view;
};

} // namespace lockstep
