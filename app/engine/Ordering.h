#pragma once

#include "models/Instance.h"
#include "models/Result.h"
#include "models/runbook/GroupFacts.h"

#include <QList>
#include <QString>

namespace lockstep {

// The runbook's `order:`: which instances go first and last and in what order the rest follow, from
// inventory facts (tags, instance variables), and with `waves: by-group` the waves themselves. The
// planner asks here, so the CLI's plan and the console's plan page show the order that will run.
class Ordering
{
public:
    // A run of instances that share a group: `first:`/`last:` selectors, or one value of `by:`.
    struct Group
    {
        QString label;                   // "tag:canary", "zone=a", "tag:role=master"
        QList<Instance> instances;
    };

    // The instances in the order to upgrade them: those `first:` selects (in the order of the
    // selectors), the rest sorted by the values of `by:` (numbers in values compare as numbers;
    // otherwise the order given is kept), then those `last:` selects. Refused when an instance
    // `by:` sorts lacks the fact, naming the instances and what to give them.
    static Result<QList<Group>> groups(const OrderSpec &order, const QList<Instance> &instances);
    static QList<Instance> flatten(const QList<Group> &groups);
    // One line for the plan preview: "order: first tag:canary; by tag:zone; last tag:role=master; a wave per group".
    static QString describe(const OrderSpec &order);
    // "zone-2" < "zone-10": digit runs compare by their number.
    static int naturalCompare(const QString &a, const QString &b);
};

} // namespace lockstep
