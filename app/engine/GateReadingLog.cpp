#include "app/engine/GateReadingLog.h"

#include "models/store/GateMeasurementRepository.h"

#include <QStringList>

#include <cmath>

namespace lockstep {

namespace {

// A NaN is no value: the store keeps NULL for it.
std::optional<double> finite(const std::optional<double> &value)
{
    if (value && std::isnan(*value))
        return std::nullopt;
    return value;
}

} // namespace

GateReadingPlace GateReadingLog::place(const char *phase, int wave, const QList<GateSpec> &gates, const QString &gate,
                                       const QList<Instance> &instances)
{
    GateReadingPlace p;
    p.phase = QString::fromLatin1(phase);
    p.wave = wave;
    p.gate = gate;
    for (const GateSpec &g : gates)
        if (g.id == gate)
            p.metric = g.metric;
    QStringList names;
    for (const Instance &i : instances)
        names << i.name;
    p.scope = names.join(QStringLiteral(", "));
    return p;
}

QString GateReadingLog::verdictName(GateMeasurement::Verdict verdict)
{
    switch (verdict) {
    case GateMeasurement::Verdict::Pass: return QStringLiteral("pass");
    case GateMeasurement::Verdict::Fail: return QStringLiteral("fail");
    case GateMeasurement::Verdict::Inconclusive: return QStringLiteral("inconclusive");
    case GateMeasurement::Verdict::NoData: return QStringLiteral("no-data");
    case GateMeasurement::Verdict::ProviderError: return QStringLiteral("provider-error");
    }
    return QStringLiteral("no-data");
}

GateMeasurementRecord GateReadingLog::record(qint64 runId, const GateReadingPlace &place, const GateMeasurement &m)
{
    GateMeasurementRecord r;
    r.runId = runId;
    r.phase = place.phase;
    r.wave = place.wave;
    r.gate = place.gate;
    r.metric = place.metric;
    r.scope = place.scope;
    r.windowFrom = m.windowFrom;
    r.windowTo = m.windowTo;
    r.value = finite(m.value);
    r.baseline = finite(m.baseline);
    r.threshold = finite(m.limit);
    r.condition = m.condition;
    r.verdict = verdictName(m.verdict);
    r.source = m.source;
    r.reason = m.reason;
    r.measuredAt = m.time;
    return r;
}

Status GateReadingLog::write(GateMeasurementRepository &repository, const GateMeasurementRecord &record)
{
    auto stored = repository.add(record);
    if (!stored) {
        // The store's words say what failed ("cannot store the measurement of gate error-rate of run 7:
        // attempt to write a readonly database"); the hint what the operator does about it.
        Error e = stored.error();
        e.hint = QStringLiteral("make the store writable again, then resume the run: its gates measure again");
        return e;
    }
    return okStatus();
}

} // namespace lockstep
