#pragma once

#include "app/ssh/HostKeySurvey.h"

#include <QDialog>

class QPushButton;
class QTableWidget;

namespace lockstep {

class MessageWidget;
class SshConsole;

// "Scan and trust" before a window: every SSH host of the fleet with its key state (trusted, NOT
// TRUSTED, CHANGED, unreachable and why), key type and fingerprint. Unknown keys can be checked and
// trusted together (each re-checked against the fingerprint shown, added to its known_hosts and
// audited); changed keys cannot be selected.
class HostKeyScanDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { InstanceColumn, TargetColumn, StateColumn, KeyTypeColumn, FingerprintColumn, DetailColumn, ColumnCount };

    HostKeyScanDialog(SshConsole *console, const QList<HostKeySurvey::Host> &hosts, QWidget *parent = nullptr);

    void scan();
    void trustSelected();
    bool isBusy() const { return m_busy; }
    QTableWidget *table() const { return m_table; }
    MessageWidget *message() const { return m_message; }
    // Ticks every row whose key is unknown.
    void selectAllUnknown();

signals:
    void scanned();
    void trustFinished();

private:
    void showFinding(int row, const HostKeySurvey::Finding &finding);
    void onScanned();
    void onTrusted(const QList<int> &rows, const QList<Result<HostKeyInfo>> &results);
    void setBusy(bool busy);
    void updateButtons();

    SshConsole *m_console;
    QList<HostKeySurvey::Host> m_hosts;
    QList<HostKeySurvey::Finding> m_findings;
    bool m_busy = false;
    MessageWidget *m_message;
    QTableWidget *m_table;
    QPushButton *m_rescan;
    QPushButton *m_trust;
};

} // namespace lockstep
