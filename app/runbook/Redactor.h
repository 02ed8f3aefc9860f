#pragma once

#include <QString>
#include <QStringList>

namespace lockstep {

// Replaces secret values with "***" in a line of output. Also catches the forms a value takes after
// templating (shell-quoted, percent-encoded, JSON-escaped), since commands and requests are echoed.
// Line-based: a secret broken across two lines of output is not recognised.
class Redactor
{
public:
    Redactor() = default;
    explicit Redactor(const QStringList &secrets);

    QString redact(QString line) const;
    bool isEmpty() const { return m_needles.isEmpty(); }

    static QString mask() { return QStringLiteral("***"); }

private:
    QStringList m_needles;   // longest first, so a secret containing another is masked whole
};

} // namespace lockstep
