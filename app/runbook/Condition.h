#pragma once

#include "models/Result.h"
#include "models/SemVer.h"

#include <QList>
#include <QString>

#include <optional>

namespace lockstep {

// A step's or checklist item's `when:` condition. The language is deliberately tiny:
//   change == major | change != patch | change in [minor, major]
class Condition
{
public:
    static Result<Condition> parse(const QString &text);

    bool matches(ChangeClass change) const;
    QString toString() const;

private:
    QList<ChangeClass> m_classes;
    bool m_negated = false;
};

// "patch" -> ChangeClass::Patch; nullopt for anything else.
std::optional<ChangeClass> changeClassFromName(const QString &name);

} // namespace lockstep
