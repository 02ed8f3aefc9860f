#include "ui/ssh/PassphraseDialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lockstep {

PassphraseDialog::PassphraseDialog(const QString &identityFile, QWidget *parent)
    : QDialog(parent)
    , m_identityFile(identityFile)
    , m_passphrase(new QLineEdit(this))
{
    setObjectName(QStringLiteral("passphraseDialog"));
    setWindowTitle(tr("SSH key passphrase"));
    auto *text = new QLabel(tr("The SSH key <b>%1</b> is encrypted. Enter its passphrase to use it for this "
                               "connection. Lockstep does not keep it; load the key into ssh-agent to be asked "
                               "only once.")
                                .arg(identityFile.toHtmlEscaped()),
                            this);
    text->setObjectName(QStringLiteral("passphraseText"));
    text->setWordWrap(true);
    m_passphrase->setObjectName(QStringLiteral("passphraseEdit"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    // Keeps the text out of the clipboard and input-method history.
    m_passphrase->setAttribute(Qt::WA_InputMethodEnabled, false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("passphraseButtons"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("passphraseOk"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Unlock"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("passphraseSkip"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Skip this key"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_passphrase);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());
}

PassphraseDialog::~PassphraseDialog()
{
    m_passphrase->clear();
}

QByteArray PassphraseDialog::takePassphrase()
{
    QByteArray passphrase = m_passphrase->text().toUtf8();
    m_passphrase->clear();
    return passphrase;
}

} // namespace lockstep
