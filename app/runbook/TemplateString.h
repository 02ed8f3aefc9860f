#pragma once

#include "models/Result.h"

#include <QList>
#include <QString>

namespace lockstep {

// A template split into literal text and {{ variable }} references. There are no filters,
// expressions or nesting: only dotted variable names, so a template can never compute anything.
class TemplateString
{
public:
    struct Part
    {
        bool variable = false;
        QString text;        // the literal text, or the variable name ("instance.name", "params.tag")
        qsizetype offset = 0; // where the part starts in the template
    };

    static Result<TemplateString> parse(const QString &text);

    const QList<Part> &parts() const { return m_parts; }
    bool hasVariables() const;
    QStringList variables() const;

private:
    QList<Part> m_parts;
};

} // namespace lockstep
