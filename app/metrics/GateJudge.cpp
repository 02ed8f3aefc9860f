#include "app/metrics/GateJudge.h"

#include <algorithm>
#include <cmath>

namespace lockstep {

QString GateJudge::formatValue(double value)
{
    return QString::number(value, 'g', 4);
}

GateJudge::Judgement GateJudge::judge(const GateSpec &gate, double value, std::optional<double> baseline,
                                      const QString &context)
{
    using V = GateMeasurement::Verdict;
    // A PromQL expression is too long to repeat in every reason: its gate's id stands for it.
    const QString name = gate.promql ? gate.id : gate.metric;
    const QString suffix = context.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(context);
    if (std::isnan(value))
        return {V::NoData, QStringLiteral("%1 has no value%2").arg(name, suffix)};

    const QString v = formatValue(value);
    if (gate.comparison == Comparison::Between) {
        if (value >= gate.lower && value <= gate.upper)
            return {V::Pass, QStringLiteral("%1 %2 within [%3, %4]%5")
                                 .arg(name, v, formatValue(gate.lower), formatValue(gate.upper), suffix)};
        return {V::Fail, QStringLiteral("%1 %2 outside [%3, %4]%5")
                             .arg(name, v, formatValue(gate.lower), formatValue(gate.upper), suffix)};
    }

    const bool below = gate.comparison == Comparison::Below;
    double limit = gate.threshold;
    QString limitText = formatValue(limit);
    if (baseline) {
        const double relative = below ? *baseline * (1 + gate.tolerance) : *baseline * (1 - gate.tolerance);
        limitText = QStringLiteral("%1 (baseline %2 %3 %4%)")
                        .arg(formatValue(relative), formatValue(*baseline), below ? QStringLiteral("+") : QStringLiteral("-"))
                        .arg(gate.tolerance * 100, 0, 'g', 3);
        if (below && gate.threshold > relative) {
            limit = gate.threshold;
            limitText = QStringLiteral("%1 (floor; baseline %2 allows %3)")
                            .arg(formatValue(gate.threshold), formatValue(*baseline), formatValue(relative));
        } else if (!below && gate.threshold > 0 && gate.threshold < relative) {
            limit = gate.threshold;
            limitText = QStringLiteral("%1 (ceiling; baseline %2 asks %3)")
                            .arg(formatValue(gate.threshold), formatValue(*baseline), formatValue(relative));
        } else {
            limit = relative;
        }
    }

    if (below) {
        if (value >= limit)
            return {V::Fail, QStringLiteral("%1 %2 >= %3%4").arg(name, v, limitText, suffix)};
        if (gate.inconclusiveAbove && *gate.inconclusiveAbove < limit && value >= *gate.inconclusiveAbove)
            return {V::Inconclusive, QStringLiteral("%1 %2 between %3 and %4: inconclusive%5")
                                         .arg(name, v, formatValue(*gate.inconclusiveAbove), limitText, suffix)};
        return {V::Pass, QStringLiteral("%1 %2 < %3%4").arg(name, v, limitText, suffix)};
    }
    if (value <= limit)
        return {V::Fail, QStringLiteral("%1 %2 <= %3%4").arg(name, v, limitText, suffix)};
    if (gate.inconclusiveAbove && *gate.inconclusiveAbove > limit && value <= *gate.inconclusiveAbove)
        return {V::Inconclusive, QStringLiteral("%1 %2 between %3 and %4: inconclusive%5")
                                     .arg(name, v, limitText, formatValue(*gate.inconclusiveAbove), suffix)};
    return {V::Pass, QStringLiteral("%1 %2 > %3%4").arg(name, v, limitText, suffix)};
}

} // namespace lockstep
