#pragma once

#include <QJsonValue>
#include <QString>

namespace lockstep {

// What a step kind's validator may check (RunbookValidator implements it): templates in the context they
// are rendered in, and references to the runbook's gates. Problems are reported with the key's path.
class StepCheck
{
public:
    // Where a template's values land, which decides what may appear in it (a secret never in Display).
    enum class Context { Raw, Shell, Url, Json, Display };

    virtual ~StepCheck() = default;
    virtual void checkTemplate(const QString &text, const QString &path, Context context) = 0;
    virtual void checkJsonTemplates(const QJsonValue &value, const QString &path) = 0;
    virtual bool hasGate(const QString &id) const = 0;
    virtual void error(const QString &path, const QString &message) = 0;
};

} // namespace lockstep
