#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace lockstep {

// The one way the upgrade screens ask the operator to confirm something destructive or to give a
// reason (KeePassXC MessageBox::setNextAnswer style): a test answers in advance and no dialog opens.
// The last question asked is kept so a test can check it names what it touches.
class OperatorPrompt
{
public:
    // Yes / no.
    static bool confirm(QWidget *parent, const QString &title, const QString &text);
    // A reason, required; nullopt when cancelled (or left empty).
    static std::optional<QString> askReason(QWidget *parent, const QString &title, const QString &text);

    // The answer to the next question: `accept` false = cancel; `reason` for askReason.
    static void setNextAnswer(bool accept, const QString &reason = {});
    static QString lastQuestion() { return s_lastQuestion; }

private:
    static bool s_hasNext;
    static bool s_nextAccept;
    static QString s_nextReason;
    static QString s_lastQuestion;
};

} // namespace lockstep
