#include "ui/upgrade/OperatorPrompt.h"

#include <QInputDialog>
#include <QMessageBox>

namespace lockstep {

bool OperatorPrompt::s_hasNext = false;
bool OperatorPrompt::s_nextAccept = false;
QString OperatorPrompt::s_nextReason;
QString OperatorPrompt::s_lastQuestion;

bool OperatorPrompt::confirm(QWidget *parent, const QString &title, const QString &text)
{
    s_lastQuestion = text;
    if (std::exchange(s_hasNext, false))
        return s_nextAccept;
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

std::optional<QString> OperatorPrompt::askReason(QWidget *parent, const QString &title, const QString &text)
{
    s_lastQuestion = text;
    QString reason;
    if (std::exchange(s_hasNext, false)) {
        if (!s_nextAccept)
            return std::nullopt;
        reason = std::exchange(s_nextReason, QString());
    } else {
        bool ok = false;
        reason = QInputDialog::getText(parent, title, text + QStringLiteral("\n\n") + QObject::tr("Reason (goes to the audit log):"),
                                       QLineEdit::Normal, {}, &ok);
        if (!ok)
            return std::nullopt;
    }
    reason = reason.trimmed();
    if (reason.isEmpty())
        return std::nullopt;
    return reason;
}

void OperatorPrompt::setNextAnswer(bool accept, const QString &reason)
{
    s_hasNext = true;
    s_nextAccept = accept;
    s_nextReason = reason;
}

} // namespace lockstep
