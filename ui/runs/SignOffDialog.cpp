#include "ui/runs/SignOffDialog.h"

#include "app/engine/EngineRuntime.h"
#include "app/engine/StoredRunSignOff.h"
#include "ui/common/MessageWidget.h"
#include "app/identity/OperatorIdentity.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lockstep {

SignOffDialog::SignOffDialog(EngineRuntime *runtime, qint64 runId, QWidget *parent)
    : QDialog(parent)
    , m_runtime(runtime)
    , m_runId(runId)
    , m_message(new MessageWidget(this))
    , m_item(new QComboBox(this))
    , m_operator(new QLineEdit(runtime->identity().name(), this))
    , m_comment(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("signOffDialog"));
    setWindowTitle(tr("Sign off run %1").arg(runId));
    m_message->setObjectName(QStringLiteral("signOffMessage"));
    m_item->setObjectName(QStringLiteral("signOffItem"));
    m_operator->setObjectName(QStringLiteral("signOffOperator"));
    // Who the store or the OS authenticated; only tests may act under a name they give.
    m_operator->setReadOnly(!OperatorIdentity::testIdentitiesEnabled());
    m_comment->setObjectName(QStringLiteral("signOffComment"));
    m_comment->setPlaceholderText(tr("What you checked"));
    QPushButton *signButton = m_buttons->addButton(tr("&Sign off"), QDialogButtonBox::AcceptRole);
    signButton->setObjectName(QStringLiteral("signOffSign"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Item:"), m_item);
    form->addRow(tr("&Operator:"), m_operator);
    form->addRow(tr("&Comment:"), m_comment);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(560, sizeHint().height());

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignOffDialog::sign);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool SignOffDialog::load()
{
    m_item->clear();
    auto items = StoredRunSignOff::items(*m_runtime, m_runId);
    if (!items) {
        m_message->showMessage(items.error().toString(), MessageWidget::Type::Error);
        return false;
    }
    for (const ChecklistItemStatus &item : *items) {
        if (item.signoffsRequired == 0 || int(item.signOffs.size()) >= item.signoffsRequired)
            continue;
        QStringList by;
        for (const SignOff &s : item.signOffs)
            by << s.operatorName;
        const QString state = by.isEmpty() ? tr("%1 of %2 signed").arg(0).arg(item.signoffsRequired)
                                           : tr("%1 of %2 signed, by %3").arg(item.signOffs.size()).arg(item.signoffsRequired).arg(by.join(QStringLiteral(", ")));
        m_item->addItem(QStringLiteral("%1 (%2)").arg(item.title, state), item.id);
    }
    if (m_item->count() == 0) {
        m_message->showMessage(tr("Run %1 has nothing left to sign off.").arg(m_runId), MessageWidget::Type::Information);
        return false;
    }
    m_message->showMessage(tr("Sign as yourself: an item that needs two operators refuses the same name twice."),
                           MessageWidget::Type::Information);
    return true;
}

void SignOffDialog::sign()
{
    const QString item = m_item->currentData().toString();
    auto signedOff = StoredRunSignOff::sign(*m_runtime, m_runId, item, m_operator->text().trimmed(), m_comment->text().trimmed());
    if (!signedOff) {
        m_message->showMessage(tr("Not signed: %1").arg(signedOff.error().toString()), MessageWidget::Type::Error);
        return;
    }
    accept();
}

} // namespace lockstep
