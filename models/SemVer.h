#pragma once

#include "models/Result.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <compare>

namespace lockstep {

// How big a step from one version to another is; decides which runbook applies.
enum class ChangeClass { None, Patch, Minor, Major, Downgrade };

QString changeClassName(ChangeClass change);

// A semantic version (semver.org 2.0.0). Only valid versions can be constructed through parse():
// versions end up in shell commands and URLs, so nothing else is ever accepted.
class SemVer
{
public:
    SemVer() = default;

    // Strict semver.org 2.0.0; a single leading 'v' (as in git tags, "v1.2.3") is accepted and dropped.
    static Result<SemVer> parse(const QString &text);
    static bool isValid(const QString &text) { return parse(text).ok(); }

    quint64 major() const { return m_major; }
    quint64 minor() const { return m_minor; }
    quint64 patch() const { return m_patch; }
    const QStringList &preRelease() const { return m_preRelease; }
    const QString &build() const { return m_build; }
    bool isPreRelease() const { return !m_preRelease.isEmpty(); }
    bool isNull() const { return m_null; }

    QString toString() const;

    // semver.org precedence: build metadata is ignored.
    std::strong_ordering operator<=>(const SemVer &other) const;
    bool operator==(const SemVer &other) const { return (*this <=> other) == 0; }

    // The change from this version to `target`.
    ChangeClass classify(const SemVer &target) const;

private:
    quint64 m_major = 0;
    quint64 m_minor = 0;
    quint64 m_patch = 0;
    QStringList m_preRelease;
    QString m_build;
    bool m_null = true;
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::SemVer)
