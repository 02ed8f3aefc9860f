#pragma once

#include "app/engine/GateEvaluator.h"
#include "models/Clock.h"

#include <QHash>
#include <QTimer>

namespace lockstep::test {

// One round of a scripted gate: after `delayMs` it measures once and ends as the script says (a failure
// measures 8 % errors); -1 measures until cancelled.
class RoundGateRun final : public GateRun
{
public:
    RoundGateRun(const QString &id, int delayMs, GateOutcome::State state, int *cancelled, QObject *parent)
        : GateRun(parent), m_cancelled(cancelled)
    {
        if (delayMs < 0)
            return;
        QTimer::singleShot(delayMs, this, [this, id, state] {
            if (m_done)
                return;
            m_done = true;
            const bool failed = state == GateOutcome::State::Failed;
            GateMeasurement m;
            m.time = Clock::instance().now();
            m.value = failed ? 0.08 : state == GateOutcome::State::NeedsOperator ? 0.007 : 0.001;
            m.verdict = failed ? GateMeasurement::Verdict::Fail
                        : state == GateOutcome::State::NeedsOperator ? GateMeasurement::Verdict::Inconclusive
                                                                     : GateMeasurement::Verdict::Pass;
            m.reason = QStringLiteral("error_rate %1").arg(*m.value);
            emit measured(m);
            GateOutcome o;
            o.state = state;
            o.summary = QStringLiteral("gate %1 (error_rate): %2").arg(id, m.reason);
            o.measurements = {m};
            emit finished(o);
        });
    }
    void cancel() override
    {
        if (!m_done)
            ++*m_cancelled;
        m_done = true;
    }

private:
    int *m_cancelled;
    bool m_done = false;
};

// A GateEvaluator whose gates end round after round as scripted: `rounds[id]` lists the outcome of each
// start of that gate (the last one repeats; none: passed), each after `delayMs`.
class RoundGates final : public GateEvaluator
{
public:
    GateRun *start(const GateSpec &gate, const QList<Instance> &instances, const QList<Instance> &, const QDateTime &,
                   QObject *parent) override
    {
        const int round = started.value(gate.id);
        started[gate.id] = round + 1;
        judged[gate.id] = instances.size();
        const QList<GateOutcome::State> script = rounds.value(gate.id);
        const GateOutcome::State state = script.isEmpty() ? GateOutcome::State::Passed : script.value(round, script.last());
        return new RoundGateRun(gate.id, delayMs, state, &cancelled, parent);
    }
    QHash<QString, QList<GateOutcome::State>> rounds;
    QHash<QString, int> started;        // how often each gate was started
    QHash<QString, qsizetype> judged;   // how many instances its last start judged
    int delayMs = 50;
    int cancelled = 0;
};

} // namespace lockstep::test
