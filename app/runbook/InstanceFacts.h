#pragma once

#include "models/Instance.h"
#include "models/runbook/GroupFacts.h"

#include <QString>

#include <optional>

namespace lockstep {

// Reads the inventory facts runbooks group and order instances by (`lock:`, `order:`): parses
// `product`, `tag:NAME`, `var:NAME` and selectors `FACT=VALUE`, and tells an instance's value.
class InstanceFacts
{
public:
    // Null with `why` set when the text is not a fact.
    static std::optional<InstanceFact> parseFact(const QString &text, QString *why);
    static std::optional<InstanceSelector> parseSelector(const QString &text, QString *why);

    // The instance's value of the fact: its product, the VALUE of its first tag `NAME:VALUE`, its
    // variable NAME; none when it has no such tag or variable.
    static std::optional<QString> valueOf(const InstanceFact &fact, const Instance &instance);
    static bool matches(const InstanceSelector &selector, const Instance &instance);
};

} // namespace lockstep
