#include "app/runbook/InstanceFacts.h"

#include <QRegularExpression>

namespace lockstep {

namespace {

// Tag names as the inventory allows them, without the `:` that separates a tag's value; variable names
// as templates can name them.
const QRegularExpression kTagName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"));
const QRegularExpression kVarName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
const QRegularExpression kValue(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"));

} // namespace

std::optional<InstanceFact> InstanceFacts::parseFact(const QString &text, QString *why)
{
    const QString t = text.trimmed();
    if (t == QLatin1String("product"))
        return InstanceFact{InstanceFact::Kind::Product, {}};
    const qsizetype colon = t.indexOf(QLatin1Char(':'));
    const QString kind = colon < 0 ? QString() : t.left(colon);
    const QString name = colon < 0 ? QString() : t.mid(colon + 1);
    if (kind == QLatin1String("tag")) {
        if (kTagName.match(name).hasMatch())
            return InstanceFact{InstanceFact::Kind::Tag, name};
        *why = QStringLiteral("'%1' is not a tag name (letters, digits, '.', '_', '-'; the tag zone:a has the name zone)")
                   .arg(name.left(40));
        return std::nullopt;
    }
    if (kind == QLatin1String("var")) {
        if (kVarName.match(name).hasMatch())
            return InstanceFact{InstanceFact::Kind::Var, name};
        *why = QStringLiteral("'%1' is not an instance variable name (letters, digits and '_')").arg(name.left(40));
        return std::nullopt;
    }
    *why = QStringLiteral("'%1' is not an inventory fact; write product, tag:NAME (the tag NAME:VALUE, e.g. tag:cluster) "
                          "or var:NAME (an instance variable)")
               .arg(t.left(40));
    return std::nullopt;
}

std::optional<InstanceSelector> InstanceFacts::parseSelector(const QString &text, QString *why)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    auto fact = parseFact(eq < 0 ? text : text.left(eq), why);
    if (!fact)
        return std::nullopt;
    InstanceSelector selector{*fact, std::nullopt};
    if (eq >= 0) {
        const QString value = text.mid(eq + 1).trimmed();
        if (!kValue.match(value).hasMatch()) {
            *why = QStringLiteral("'%1' is not a value an inventory gives (letters, digits, '.', '_', '-', ':')").arg(value.left(40));
            return std::nullopt;
        }
        selector.value = value;
    } else if (fact->kind == InstanceFact::Kind::Product) {
        *why = QStringLiteral("'product' alone selects every instance; write product=ID");
        return std::nullopt;
    }
    return selector;
}

std::optional<QString> InstanceFacts::valueOf(const InstanceFact &fact, const Instance &instance)
{
    switch (fact.kind) {
    case InstanceFact::Kind::Product:
        return instance.product;
    case InstanceFact::Kind::Tag: {
        const QString prefix = fact.name + QLatin1Char(':');
        for (const QString &tag : instance.tags)
            if (tag.startsWith(prefix) && tag.size() > prefix.size())
                return tag.mid(prefix.size());
        return std::nullopt;
    }
    case InstanceFact::Kind::Var:
        if (instance.vars.contains(fact.name))
            return instance.vars.value(fact.name);
        return std::nullopt;
    }
    return std::nullopt;
}

bool InstanceFacts::matches(const InstanceSelector &selector, const Instance &instance)
{
    if (selector.value)
        return valueOf(selector.fact, instance) == selector.value;
    if (selector.fact.kind == InstanceFact::Kind::Tag)
        return instance.tags.contains(selector.fact.name) || valueOf(selector.fact, instance).has_value();
    return valueOf(selector.fact, instance).has_value();
}

} // namespace lockstep
