#include "models/SemVer.h"

#include <QRegularExpression>

namespace lockstep {

QString changeClassName(ChangeClass change)
{
    switch (change) {
    case ChangeClass::None: return QStringLiteral("none");
    case ChangeClass::Patch: return QStringLiteral("patch");
    case ChangeClass::Minor: return QStringLiteral("minor");
    case ChangeClass::Major: return QStringLiteral("major");
    case ChangeClass::Downgrade: return QStringLiteral("downgrade");
    }
    return {};
}

namespace {

// The regular expression published on semver.org, anchored.
const QRegularExpression &semverPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
        "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
        "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$"));
    return re;
}

constexpr int kMaxVersionLength = 256;

bool isNumeric(const QString &identifier)
{
    for (QChar c : identifier) {
        if (!c.isDigit())
            return false;
    }
    return !identifier.isEmpty();
}

} // namespace

Result<SemVer> SemVer::parse(const QString &input)
{
    QString text = input;
    if (text.startsWith(QLatin1Char('v')))
        text.remove(0, 1);
    if (text.size() > kMaxVersionLength)
        return Error{QStringLiteral("version is longer than %1 characters").arg(kMaxVersionLength), {},
                     QStringLiteral("use a semantic version such as 1.4.2")};
    const auto match = semverPattern().match(text);
    if (!match.hasMatch()) {
        QString shown = input.left(64);
        shown.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        return Error{QStringLiteral("\"%1\" is not a semantic version").arg(shown), {},
                     QStringLiteral("expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.4.2 or 2.0.0-rc.1")};
    }
    SemVer v;
    bool okMajor = false, okMinor = false, okPatch = false;
    v.m_major = match.captured(1).toULongLong(&okMajor);
    v.m_minor = match.captured(2).toULongLong(&okMinor);
    v.m_patch = match.captured(3).toULongLong(&okPatch);
    if (!okMajor || !okMinor || !okPatch)
        return Error{QStringLiteral("version number component out of range in \"%1\"").arg(input.left(64)), {}, {}};
    if (match.hasCaptured(4) && !match.captured(4).isEmpty())
        v.m_preRelease = match.captured(4).split(QLatin1Char('.'));
    v.m_build = match.captured(5);
    v.m_null = false;
    return v;
}

QString SemVer::toString() const
{
    QString s = QStringLiteral("%1.%2.%3").arg(m_major).arg(m_minor).arg(m_patch);
    if (!m_preRelease.isEmpty())
        s += QLatin1Char('-') + m_preRelease.join(QLatin1Char('.'));
    if (!m_build.isEmpty())
        s += QLatin1Char('+') + m_build;
    return s;
}

std::strong_ordering SemVer::operator<=>(const SemVer &other) const
{
    if (auto c = m_major <=> other.m_major; c != 0)
        return c;
    if (auto c = m_minor <=> other.m_minor; c != 0)
        return c;
    if (auto c = m_patch <=> other.m_patch; c != 0)
        return c;
    // A version without pre-release identifiers has higher precedence than one with them.
    if (m_preRelease.isEmpty() || other.m_preRelease.isEmpty()) {
        if (m_preRelease.isEmpty() && other.m_preRelease.isEmpty())
            return std::strong_ordering::equal;
        return m_preRelease.isEmpty() ? std::strong_ordering::greater : std::strong_ordering::less;
    }
    const qsizetype n = std::min(m_preRelease.size(), other.m_preRelease.size());
    for (qsizetype i = 0; i < n; ++i) {
        const QString &a = m_preRelease.at(i);
        const QString &b = other.m_preRelease.at(i);
        const bool aNum = isNumeric(a);
        const bool bNum = isNumeric(b);
        if (aNum && bNum) {
            // Compare numerically without overflow: longer digit strings are larger (no leading zeros).
            if (a.size() != b.size())
                return a.size() <=> b.size();
            if (const int c = QString::compare(a, b); c != 0)
                return c <=> 0;
        } else if (aNum != bNum) {
            // Numeric identifiers have lower precedence than alphanumeric ones.
            return aNum ? std::strong_ordering::less : std::strong_ordering::greater;
        } else if (const int c = QString::compare(a, b, Qt::CaseSensitive); c != 0) {
            return c <=> 0;
        }
    }
    return m_preRelease.size() <=> other.m_preRelease.size();
}

ChangeClass SemVer::classify(const SemVer &target) const
{
    const auto order = *this <=> target;
    if (order == 0)
        return ChangeClass::None;
    if (order > 0)
        return ChangeClass::Downgrade;
    if (target.m_major != m_major)
        return ChangeClass::Major;
    if (target.m_minor != m_minor)
        return ChangeClass::Minor;
    return ChangeClass::Patch;
}

} // namespace lockstep
