#pragma once

#include "app/audit/AuditFilter.h"
#include "app/audit/AuditVerifyReport.h"
#include "models/Result.h"

#include <QWidget>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace lockstep {

class AuditAnchoring;
class AuditEventModel;
class AuditLog;
class MessageWidget;
class StoreNotifier;
class TaskProgress;

// The audit log: newest first, narrowed by run / instance / action / operator (queried in the store)
// and a free-text filter; verify the hash chain (against the witnesses of its head, when anchoring is set);
// anchor the head now; export JSON or CSV (docs/audit.md formats).
class AuditPage : public QWidget
{
    Q_OBJECT
public:
    explicit AuditPage(QWidget *parent = nullptr);

    void setLog(AuditLog *log);
    // The head's witnesses; without them Verify checks the chain alone and Anchor is disabled.
    // Where the audit head is anchored on demand, in the name of `operatorName` (who acts here).
    void setAnchoring(AuditAnchoring *anchoring, const QString &operatorName);
    // Events any console appends show up on top as they are made (only the new ones are read).
    void setNotifier(StoreNotifier *notifier);
    void reload();
    // Verifies the hash chain on a worker thread (progress and Cancel above the table); the result
    // shows in the message bar.
    void verify();
    void anchor();
    void exportLog();
    AuditEventModel *model() const { return m_model; }
    void setRunFilter(const QString &runId);

private:
    AuditFilter currentFilter() const;
    void fetchNewer();
    void showVerifyReport(const Result<AuditVerifyReport> &report);

    AuditLog *m_log = nullptr;
    AuditAnchoring *m_anchoring = nullptr;
    QString m_operator;
    bool m_fetchQueued = false;
    AuditEventModel *m_model;
    QSortFilterProxyModel *m_proxy;
    MessageWidget *m_message;
    QLineEdit *m_run;
    QLineEdit *m_instance;
    QLineEdit *m_action;
    QLineEdit *m_text;
    QTableView *m_table;
    QPushButton *m_verify;
    QPushButton *m_anchor;
    QPushButton *m_export;
    TaskProgress *m_progress;
};

} // namespace lockstep
