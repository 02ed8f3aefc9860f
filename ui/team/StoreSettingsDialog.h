#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace lockstep {

// Settings → Store: where the console keeps its store, a SQLite file or (team mode) a PostgreSQL URL,
// used from the next start (`--database` overrides it for one start). A password typed into the URL is
// dropped before anything is saved: settings never hold one (DatabaseLogin asks for it when needed).
class StoreSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit StoreSettingsDialog(QWidget *parent = nullptr);

    // Saves `typed` (without its password) as the store location; returns what was saved.
    static QString save(const QString &typed);

signals:
    // The location was saved; `droppedPassword` when the typed URL had one.
    void saved(const QString &location, bool droppedPassword);

private:
    QLineEdit *m_location;
};

} // namespace lockstep
