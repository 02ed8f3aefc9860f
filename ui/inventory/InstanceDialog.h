#pragma once

#include "models/Instance.h"
#include "models/Result.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace lockstep {

class MessageWidget;
class SshSettingsGroup;

// Adds or edits one instance. Problems are listed inline above the form and the dialog stays open
// until they are fixed or it is cancelled; the save itself (the store) may fail too and is shown the
// same way.
class InstanceDialog : public QDialog
{
    Q_OBJECT
public:
    using Saver = std::function<Status(const Instance &instance, const QString &previousName)>;

    // `existingNames` are the names already taken (the edited instance's own name excluded by the dialog).
    InstanceDialog(const Instance &instance, const QStringList &existingNames, const QStringList &products,
                   Saver saver, QWidget *parent = nullptr);

    bool isNew() const { return m_previousName.isEmpty(); }
    Instance instance() const;                  // the form's content
    QStringList validate() const;               // empty when the form is acceptable

    void accept() override;

signals:
    void saved(const lockstep::Instance &instance, const QString &previousName);

private:
    void updatePinnedEnabled();

    Instance m_original;
    QString m_previousName;
    QStringList m_existingNames;
    Saver m_saver;
    MessageWidget *m_message;
    QLineEdit *m_name;
    QComboBox *m_product;
    QComboBox *m_environment;
    QLineEdit *m_tags;
    QLineEdit *m_version;
    QComboBox *m_channel;
    QLineEdit *m_pinned;
    QLineEdit *m_baseUrl;
    QLineEdit *m_apiUrl;
    SshSettingsGroup *m_ssh;
    QComboBox *m_state;
    QDialogButtonBox *m_buttons;
};

} // namespace lockstep
