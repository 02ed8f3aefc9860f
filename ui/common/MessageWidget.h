#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace lockstep {

// An inline message bar (KeePassXC style): errors and confirmations appear above the content they are
// about instead of in a modal pop-up, and stay until dismissed or replaced.
class MessageWidget : public QFrame
{
    Q_OBJECT
public:
    enum class Type { Positive, Information, Warning, Error };

    explicit MessageWidget(QWidget *parent = nullptr);

    void showMessage(const QString &text, Type type);
    void hideMessage();
    QString text() const;
    Type type() const { return m_type; }

signals:
    void linkActivated(const QString &link);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_text;
    QToolButton *m_close;
    Type m_type = Type::Information;
    bool m_applying = false;
};

} // namespace lockstep
