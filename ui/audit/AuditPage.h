#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace lockstep {

class AuditEventModel;
class AuditLog;
class MessageWidget;

// The audit log: newest first, narrowed by run / instance / action / operator (queried in the store)
// and a free-text filter; verify the hash chain; export JSON or CSV (docs/audit.md formats).
class AuditPage : public QWidget
{
    Q_OBJECT
public:
    explicit AuditPage(QWidget *parent = nullptr);

    void setLog(AuditLog *log);
    void reload();
    void verify();
    void exportLog();
    AuditEventModel *model() const { return m_model; }
    void setRunFilter(const QString &runId);

private:
    AuditLog *m_log = nullptr;
    AuditEventModel *m_model;
    QSortFilterProxyModel *m_proxy;
    MessageWidget *m_message;
    QLineEdit *m_run;
    QLineEdit *m_instance;
    QLineEdit *m_action;
    QLineEdit *m_text;
    QTableView *m_table;
    QPushButton *m_verify;
    QPushButton *m_export;
};

} // namespace lockstep
