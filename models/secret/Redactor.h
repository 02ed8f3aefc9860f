#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace lockstep {

// The secret values of a run, as a value that every sink passes text through: step output, error and
// expectation texts, URLs, store columns, audit records, the log, reports and the CLI's output.
//
// A secret reaches those sinks in more forms than its own: the templater shell-quotes, percent-encodes,
// JSON-escapes and regex-escapes it, and the programs a step runs print it URL-encoded or in base64. The
// redactor knows each of those forms (formsOf()) and replaces every one with "***", longest first, so a
// form that contains another is masked whole. Base64 is also matched at the three byte alignments a
// secret can have inside a longer encoded blob, so `echo "user:$TOKEN" | base64` is caught too.
//
// Immutable and implicitly shared: cheap to copy into every execution and across threads.
class Redactor
{
public:
    Redactor() = default;
    explicit Redactor(const QStringList &secrets);

    // This redactor with more secrets (e.g. parameters declared `secret: true`).
    Redactor with(const QStringList &secrets) const;

    QString redact(QString text) const;
    QStringList redact(QStringList texts) const;
    // Whether `text` still holds a form of a secret (what a sink or a test checks before it stores).
    bool leaks(const QString &text) const;

    bool isEmpty() const { return m_forms.isEmpty(); }
    const QStringList &secrets() const { return m_secrets; }
    // Every form of every secret, longest first: for sinks that replace literal strings themselves.
    const QStringList &forms() const { return m_forms; }
    // The UTF-8 size of the longest form: a stream must hold back this much minus one byte before it
    // may cut text that a form could still straddle.
    qsizetype longestFormBytes() const { return m_longestBytes; }
    // A position at or before `at` where `bytes` may be cut without splitting any form in two. `bytes`
    // must extend at least longestFormBytes() - 1 past `at` (or be all there is). 0 when no such cut
    // exists before `at` (a form starts at 0 and crosses it): then cut after the form instead, see
    // cutAfter().
    qsizetype safeCut(QByteArrayView bytes, qsizetype at) const;
    // Where the form that crosses `at` ends (or `at` when none does).
    qsizetype cutAfter(QByteArrayView bytes, qsizetype at) const;

    static QString mask() { return QStringLiteral("***"); }
    // The forms one secret takes: raw, shell-quoted ('\'' for '), regex-escaped, percent-encoded as a
    // path segment and as a query component (upper and lower case hex, space as %20 and as +, and as Qt
    // shows a URL), JSON-escaped (also \uXXXX and \/), base64 and base64url (whole, and the complete
    // groups at each of the three alignments when they are at least 8 characters).
    static QStringList formsOf(const QString &secret);

private:
    // The form crossing position `at` that starts first, as [start, end); {-1, -1} when none.
    std::pair<qsizetype, qsizetype> crossing(QByteArrayView bytes, qsizetype at) const;

    QStringList m_secrets;
    QStringList m_forms;
    QList<QByteArray> m_formBytes;
    qsizetype m_longestBytes = 0;
};

} // namespace lockstep
