#pragma once

#include "models/runbook/SourceLocation.h"

#include <QList>
#include <QString>

#include <optional>

namespace lockstep {

// An inventory fact that groups or orders instances: `product`, `tag:NAME` (the value of an instance's
// tag `NAME:VALUE`, e.g. tag:zone reads `zone:a`), or `var:NAME` (its instance variable NAME).
struct InstanceFact
{
    enum class Kind { Product, Tag, Var };
    Kind kind = Kind::Product;
    QString name;                        // the tag or variable name; empty for the product

    QString text() const
    {
        switch (kind) {
        case Kind::Product: return QStringLiteral("product");
        case Kind::Tag: return QStringLiteral("tag:") + name;
        case Kind::Var: return QStringLiteral("var:") + name;
        }
        return {};
    }
    // The label a group of this fact is shown with: `cluster=a`, `product=webwaka-platform`.
    QString label(const QString &value) const { return (kind == Kind::Product ? QStringLiteral("product") : name) + QLatin1Char('=') + value; }
};

// Picks instances by a fact: `tag:role=master` (the fact has that value), or `tag:canary` (the
// instance has the tag `canary`, or any `canary:VALUE`; for var:NAME, the variable is set).
struct InstanceSelector
{
    InstanceFact fact;
    std::optional<QString> value;

    QString text() const { return value ? fact.text() + QLatin1Char('=') + *value : fact.text(); }
};

// `lock:` — at most `maxInFlight` instances of each group (the instances sharing the value of `group`)
// are in flight at once, across every run and console on the store: from their first change-making
// step until they settle.
struct LockSpec
{
    std::optional<InstanceFact> group;   // absent: no lock
    int maxInFlight = 1;
    SourceLocation location;

    bool enabled() const { return group.has_value(); }
};

// `order:` — the order instances are upgraded in, from inventory facts: `first` selectors, then the
// rest sorted by the values of `by`, then `last` selectors; with `waves: by-group` each group is a wave.
struct OrderSpec
{
    QList<InstanceFact> by;
    QList<InstanceSelector> first;
    QList<InstanceSelector> last;
    bool wavesByGroup = false;
    SourceLocation location;

    bool enabled() const { return !by.isEmpty() || !first.isEmpty() || !last.isEmpty(); }
};

} // namespace lockstep
