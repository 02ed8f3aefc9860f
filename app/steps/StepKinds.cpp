#include "app/steps/StepKinds.h"

#include "app/engine/TimerStepExecution.h"

namespace lockstep {

void registerBuiltInStepKinds(QList<StepKindHandler> &table);   // app/steps/BuiltInStepKinds.cpp

namespace {

StepExecution *launchUnknown(const StepSpec &step, const StepContext &, StepLaunchServices &, QObject *parent)
{
    return TimerStepExecution::failed(QStringLiteral("step %1: no step kind %2 is registered")
                                          .arg(step.id, QString::number(int(step.kind))),
                                      parent);
}

const QList<StepKindHandler> &table()
{
    // A function-local static: filled once, thread-safe, before anyone reads it.
    static const QList<StepKindHandler> kinds = [] {
        QList<StepKindHandler> t;
        registerBuiltInStepKinds(t);
        return t;
    }();
    return kinds;
}

} // namespace

void registerStepKind(QList<StepKindHandler> &table, const StepKindHandler &handler)
{
    Q_ASSERT(handler.readAction && handler.launch && !handler.name.isEmpty());
    table.append(handler);
}

const QList<StepKindHandler> &StepKinds::all()
{
    return table();
}

const StepKindHandler &StepKinds::of(StepKind kind)
{
    for (const StepKindHandler &h : table())
        if (h.kind == kind)
            return h;
    static const StepKindHandler unknown = [] {
        StepKindHandler h;
        h.name = QStringLiteral("unknown");
        h.launch = &launchUnknown;
        return h;
    }();
    return unknown;
}

const StepKindHandler *StepKinds::find(const QString &name)
{
    for (const StepKindHandler &h : table())
        if (h.name == name)
            return &h;
    return nullptr;
}

bool StepKinds::changesSystem(const StepSpec &step)
{
    if (step.readOnly)
        return false;
    switch (of(step.kind).effect) {
    case StepKindHandler::Effect::Changes: return true;
    case StepKindHandler::Effect::Reads: return false;
    case StepKindHandler::Effect::ChangesWithUndo: return !step.undo.isEmpty() || step.irreversible;
    }
    return true;
}

Millis StepKinds::plannedDuration(const StepSpec &step)
{
    const StepKindHandler &h = of(step.kind);
    return h.plannedDuration ? h.plannedDuration(step) : step.expected;
}

QString StepKinds::names(const QList<const StepKindHandler *> &kinds, const QString &last)
{
    QStringList out;
    for (const StepKindHandler *h : kinds)
        out << h->name;
    if (out.size() < 2)
        return out.join(QString());
    const QString tail = out.takeLast();
    return out.join(QStringLiteral(", ")) + QLatin1Char(' ') + last + QLatin1Char(' ') + tail;
}

QList<const StepKindHandler *> StepKinds::where(bool (*test)(const StepKindHandler &))
{
    QList<const StepKindHandler *> out;
    for (const StepKindHandler &h : table())
        if (test(h))
            out << &h;
    return out;
}

QStringList StepKinds::optionKeys()
{
    QStringList out;
    for (const StepKindHandler &h : table())
        for (const QString &key : h.options)
            if (!out.contains(key))
                out << key;
    return out;
}

} // namespace lockstep
