#include "app/runbook/StepReader.h"

#include "app/runbook/Condition.h"
#include "app/steps/StepKinds.h"
#include "app/steps/StepSyntax.h"

#include <yaml-cpp/yaml.h>

namespace lockstep {

StepReader::StepReader(YamlReader &yaml) : m_yaml(yaml) {}

StepSpec StepReader::read(const YAML::Node &node, const QString &path, bool isCheck)
{
    StepSpec step;
    step.location = m_yaml.locationOf(node);
    step.readOnly = isCheck;
    m_yaml.remember(node, path);
    if (!m_yaml.isMap(node, path, isCheck ? QStringLiteral("a check (a step without side effects)") : QStringLiteral("a step")))
        return step;
    // The step's keys: its own, every kind's action and every kind's options (a key of another kind is
    // reported below by name), then the keys every step has.
    QStringList known{QStringLiteral("id"), QStringLiteral("title")};
    for (const StepKindHandler &kind : StepKinds::all())
        known << kind.name;
    known << StepKinds::optionKeys()
          << QStringList{QStringLiteral("timeout"), QStringLiteral("expected"), QStringLiteral("retries"), QStringLiteral("undo"),
                         QStringLiteral("idempotent"), QStringLiteral("probe"), QStringLiteral("disruptive"),
                         QStringLiteral("read_only"), QStringLiteral("on_failure"), QStringLiteral("when")};
    const YamlReader::Fields f(m_yaml, node, path, known);
    auto has = [&](const char *k) { return f.has(QLatin1String(k)); };
    auto get = [&](const char *k) { return f.get(QLatin1String(k)); };
    auto at = [&](const char *k) { return f.path(QLatin1String(k)); };

    if (has("id"))
        step.id = m_yaml.identifier(get("id"), at("id")).value_or(QString());
    else if (!isCheck)
        m_yaml.error(node, at("id"), QStringLiteral("missing required key 'id'"));
    if (has("title"))
        step.title = m_yaml.string(get("title"), at("title")).value_or(QString());

    QStringList actions;
    for (const QString &key : f.keys())   // in the order written, so the second action is the one flagged
        if (StepKinds::find(key))
            actions.append(key);
    if (actions.isEmpty()) {
        m_yaml.error(node, path, QStringLiteral("a step needs one action: %1")
                                     .arg(StepKinds::names(StepKinds::where([](const StepKindHandler &) { return true; }),
                                                           QStringLiteral("or"))));
        return step;
    }
    if (actions.size() > 1)
        m_yaml.error(f.keyNode(actions.at(1)), f.path(actions.at(1)),
              QStringLiteral("a step has exactly one action; this one has %1").arg(actions.join(QLatin1String(" and "))));
    const StepKindHandler &kind = *StepKinds::find(actions.first());
    StepSyntax syntax{m_yaml, f, f.get(kind.name), f.path(kind.name), step};
    step.kind = kind.kind;
    step.timeout = kind.defaultTimeout;
    kind.readAction(syntax);
    if (isCheck && !kind.checkable)
        m_yaml.error(syntax.action, syntax.actionPath,
                     QStringLiteral("a check runs %1")
                         .arg(StepKinds::names(StepKinds::where([](const StepKindHandler &k) { return k.checkable; }),
                                               QStringLiteral("or"))));

    // A key another kind reads is named with the kinds that read it.
    for (const QString &key : StepKinds::optionKeys()) {
        if (!f.has(key) || kind.options.contains(key))
            continue;
        QList<const StepKindHandler *> readers;
        for (const StepKindHandler &k : StepKinds::all())
            if (k.options.contains(key))
                readers << &k;
        m_yaml.error(f.keyNode(key), f.path(key),
                     QStringLiteral("'%1' only applies to %2 steps").arg(key, StepKinds::names(readers, QStringLiteral("and"))));
    }
    if (kind.readOptions)
        kind.readOptions(syntax);
    if (has("timeout"))
        step.timeout = m_yaml.duration(get("timeout"), at("timeout")).value_or(step.timeout);
    if (has("expected"))
        step.expected = m_yaml.duration(get("expected"), at("expected")).value_or(Millis(0));
    if (has("retries")) {
        const YAML::Node r = get("retries");
        if (m_yaml.isMap(r, at("retries"), QStringLiteral("retries: {count: 2, backoff: 10s}"))) {
            const YamlReader::Fields rf(m_yaml, r, at("retries"), {QStringLiteral("count"), QStringLiteral("backoff")});
            if (rf.has(QStringLiteral("count")))
                step.retries.count = int(m_yaml.integer(rf.get(QStringLiteral("count")), rf.path(QStringLiteral("count")), 0, 100).value_or(0));
            else
                m_yaml.error(r, rf.path(QStringLiteral("count")), QStringLiteral("missing required key 'count'"));
            if (rf.has(QStringLiteral("backoff")))
                step.retries.backoff = m_yaml.duration(rf.get(QStringLiteral("backoff")), rf.path(QStringLiteral("backoff")), true).value_or(Millis(0));
        }
    }
    if (has("undo"))
        readUndo(step, get("undo"), at("undo"));
    if (has("probe"))
        step.probe = m_yaml.identifier(get("probe"), at("probe")).value_or(QString());
    if (has("idempotent"))
        step.idempotent = m_yaml.boolean(get("idempotent"), at("idempotent")).value_or(false);
    if (has("disruptive"))
        step.disruptive = m_yaml.boolean(get("disruptive"), at("disruptive")).value_or(false);
    if (has("read_only")) {
        step.readOnly = m_yaml.boolean(get("read_only"), at("read_only")).value_or(false);
        if (isCheck && !step.readOnly)
            m_yaml.error(get("read_only"), at("read_only"), QStringLiteral("a check only reads; it cannot be read_only: false"));
    }
    if (isCheck && step.disruptive)
        m_yaml.error(get("disruptive"), at("disruptive"), QStringLiteral("a check only reads; it cannot be disruptive"));
    if (has("on_failure"))
        step.onFailure = m_yaml.onFailure(get("on_failure"), at("on_failure")).value_or(OnFailure::Pause);
    if (has("when")) {
        const YAML::Node w = get("when");
        if (const auto s = m_yaml.string(w, at("when"))) {
            const auto c = Condition::parse(*s);
            if (!c)
                m_yaml.error(w, at("when"), c.error().message + QLatin1String("; ") + c.error().hint);
            step.when = *s;
        }
    }
    return step;
}

// `undo: ID` names the step that undoes this one; `undo: {none: MESSAGE}` says nothing can, and what the
// operator is told to restore when a rollback reaches it.
void StepReader::readUndo(StepSpec &step, const YAML::Node &node, const QString &path)
{
    const QString form = QStringLiteral("undo: is the id of the step that undoes this one, or {none: \"MESSAGE\"} for a "
                                        "step nothing can undo (MESSAGE tells the operator what to restore)");
    if (node.IsScalar()) {
        if (YamlReader::text(node.Scalar()) == QLatin1String("none")) {
            m_yaml.error(node, path, QStringLiteral("undo: none needs the message the operator is shown when a rollback "
                                                    "reaches this step: undo: {none: \"restore {{instance.name}} from ...\"}"));
            return;
        }
        step.undo = m_yaml.identifier(node, path).value_or(QString());
        return;
    }
    if (!node.IsMap()) {
        m_yaml.error(node, path, form);
        return;
    }
    const YamlReader::Fields f(m_yaml, node, path, {QStringLiteral("none")});
    if (!f.has(QStringLiteral("none"))) {
        if (node.size() == 0)
            m_yaml.error(node, path, form);
        return;   // an unknown key is reported by Fields, with the key it resembles
    }
    const YAML::Node message = f.get(QStringLiteral("none"));
    if (!message.IsScalar() && !message.IsNull()) {
        m_yaml.error(message, f.path(QStringLiteral("none")),
                     QStringLiteral("undo: {none: ...} takes the message as text: what to restore, and from where"));
        return;
    }
    const QString text = message.IsNull() ? QString() : YamlReader::text(message.Scalar()).trimmed();
    if (text.isEmpty()) {
        m_yaml.error(message, f.path(QStringLiteral("none")),
                     QStringLiteral("undo: {none: ...} needs a message: what the operator restores, and from where"));
        return;
    }
    step.irreversible = true;
    step.restoreMessage = text;
}

} // namespace lockstep
