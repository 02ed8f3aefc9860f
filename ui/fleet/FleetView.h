#pragma once

#include <QTableView>
#include <QTimer>

namespace lockstep {

// The fleet table. Uniform row heights and delegates keep it smooth at 10,000 rows; the visible rows are
// repainted once a second so "3 s ago" keeps counting without touching the model.
class FleetView : public QTableView
{
    Q_OBJECT
public:
    explicit FleetView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    // Names of the selected instances, in view order.
    QStringList selectedNames() const;
    // The current instance's name (the one the details panel shows), or empty.
    QString currentName() const;
    bool selectName(const QString &name);

signals:
    // The focused instance changed or the selection grew/shrank.
    void selectionSummaryChanged(const QString &currentName, int selectedCount);
    void editRequested();
    void removeRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void emitSummary();

    QTimer m_tick;
};

} // namespace lockstep
