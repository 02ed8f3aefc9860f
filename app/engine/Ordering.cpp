#include "app/engine/Ordering.h"

#include "app/runbook/InstanceFacts.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace lockstep {

namespace {

QString selectorsText(const QList<InstanceSelector> &selectors)
{
    QStringList out;
    for (const InstanceSelector &s : selectors)
        out << s.text();
    return out.join(QStringLiteral(", "));
}

} // namespace

int Ordering::naturalCompare(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ei = i, ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            // Leading zeros do not make a number larger; then the longer run is the larger number.
            const QString na = a.mid(i, ei - i).remove(QRegularExpression(QStringLiteral("^0+(?=.)")));
            const QString nb = b.mid(j, ej - j).remove(QRegularExpression(QStringLiteral("^0+(?=.)")));
            if (na.size() != nb.size())
                return na.size() < nb.size() ? -1 : 1;
            if (const int c = na.compare(nb); c != 0)
                return c;
            i = ei;
            j = ej;
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j] ? -1 : 1;
        ++i;
        ++j;
    }
    return a.size() - i == b.size() - j ? 0 : (a.size() - i < b.size() - j ? -1 : 1);
}

Result<QList<Ordering::Group>> Ordering::groups(const OrderSpec &order, const QList<Instance> &instances)
{
    QList<Group> first, last;
    for (const InstanceSelector &s : order.first)
        first.append(Group{s.text(), {}});
    for (const InstanceSelector &s : order.last)
        last.append(Group{s.text(), {}});
    QList<Instance> rest;
    for (const Instance &instance : instances) {
        // `first:` wins over `last:`, and the first selector that matches decides.
        bool placed = false;
        for (qsizetype s = 0; s < order.first.size() && !placed; ++s)
            if (InstanceFacts::matches(order.first[s], instance)) {
                first[s].instances.append(instance);
                placed = true;
            }
        for (qsizetype s = 0; s < order.last.size() && !placed; ++s)
            if (InstanceFacts::matches(order.last[s], instance)) {
                last[s].instances.append(instance);
                placed = true;
            }
        if (!placed)
            rest.append(instance);
    }

    QList<Group> middle;
    if (order.by.isEmpty()) {
        if (!rest.isEmpty())
            middle.append(Group{QStringLiteral("the rest"), rest});
    } else {
        QStringList missing;
        QList<QPair<QStringList, Instance>> keyed;
        for (const Instance &instance : std::as_const(rest)) {
            QStringList key;
            for (const InstanceFact &fact : order.by) {
                const auto value = InstanceFacts::valueOf(fact, instance);
                if (!value) {
                    missing << QStringLiteral("%1 has no %2").arg(instance.name, fact.text());
                    break;
                }
                key << *value;
            }
            keyed.append({key, instance});
        }
        if (!missing.isEmpty()) {
            QStringList by;
            for (const InstanceFact &f : order.by)
                by << f.text();
            return Error{QStringLiteral("the runbook orders instances by %1, but %2")
                             .arg(by.join(QStringLiteral(", ")), missing.join(QStringLiteral("; "))),
                         order.location.toString(),
                         QStringLiteral("give each instance the fact in the inventory (a tag NAME:VALUE, e.g. zone:a, or a "
                                        "variable for var:NAME), or select it with first: or last:")};
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto &x, const auto &y) {
            for (qsizetype k = 0; k < x.first.size(); ++k)
                if (const int c = naturalCompare(x.first[k], y.first[k]); c != 0)
                    return c < 0;
            return false;
        });
        for (const auto &[key, instance] : keyed) {
            QStringList label;
            for (qsizetype k = 0; k < key.size(); ++k)
                label << order.by[k].label(key[k]);
            const QString text = label.join(QStringLiteral(", "));
            if (middle.isEmpty() || middle.last().label != text)
                middle.append(Group{text, {}});
            middle.last().instances.append(instance);
        }
    }

    QList<Group> out;
    for (const QList<Group> *part : {&first, &middle, &last})
        for (const Group &g : *part)
            if (!g.instances.isEmpty())
                out.append(g);
    return out;
}

QList<Instance> Ordering::flatten(const QList<Group> &groups)
{
    QList<Instance> out;
    for (const Group &g : groups)
        out += g.instances;
    return out;
}

QString Ordering::describe(const OrderSpec &order)
{
    QStringList parts;
    if (!order.first.isEmpty())
        parts << QStringLiteral("first %1").arg(selectorsText(order.first));
    if (!order.by.isEmpty()) {
        QStringList by;
        for (const InstanceFact &f : order.by)
            by << f.text();
        parts << QStringLiteral("by %1").arg(by.join(QStringLiteral(", ")));
    }
    if (!order.last.isEmpty())
        parts << QStringLiteral("last %1").arg(selectorsText(order.last));
    if (order.wavesByGroup)
        parts << QStringLiteral("a wave per group");
    return QStringLiteral("order: ") + parts.join(QStringLiteral("; "));
}

} // namespace lockstep
