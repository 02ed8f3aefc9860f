#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSplitter;

namespace lockstep {

class FleetFilterProxyModel;
class FleetModel;
class FleetView;
class InstanceDetailsPanel;
class MessageWidget;

// The console's first screen: filter box, fleet table and the selected instance's details.
class FleetPage : public QWidget
{
    Q_OBJECT
public:
    explicit FleetPage(FleetModel *fleet, QWidget *parent = nullptr);

    FleetView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    InstanceDetailsPanel *details() const { return m_details; }
    MessageWidget *messages() const { return m_message; }
    FleetFilterProxyModel *proxy() const { return m_proxy; }

    void focusFilter();
    // "1 instance" / "24 instances" (spelled out: no English plural translation is shipped).
    static QString instanceCount(int count);
    QStringList selectedNames() const;
    // The instances the filter lets through, in the table's order.
    QStringList shownNames() const;
    void saveState() const;
    void restoreState();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();

    FleetModel *m_fleet;
    FleetFilterProxyModel *m_proxy;
    MessageWidget *m_message;
    QLineEdit *m_filter;
    QLabel *m_count;
    QSplitter *m_splitter;
    FleetView *m_view;
    InstanceDetailsPanel *m_details;
};

} // namespace lockstep
