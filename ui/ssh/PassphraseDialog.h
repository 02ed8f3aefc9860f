#pragma once

#include <QByteArray>
#include <QDialog>

class QLabel;
class QLineEdit;

namespace lockstep {

// Asks for the passphrase of one encrypted identity file. The text never leaves this dialog except
// through takePassphrase(), which empties the field.
class PassphraseDialog : public QDialog
{
    Q_OBJECT
public:
    PassphraseDialog(const QString &identityFile, QWidget *parent = nullptr);
    ~PassphraseDialog() override;

    QString identityFile() const { return m_identityFile; }
    // The entered passphrase (UTF-8); the field is cleared. The caller wipes the bytes after use.
    QByteArray takePassphrase();

private:
    QString m_identityFile;
    QLineEdit *m_passphrase;
};

} // namespace lockstep
