#include "app/metrics/GateJudge.h"

#include <algorithm>
#include <cmath>

namespace lockstep {

QString GateJudge::formatValue(double value)
{
    return QString::number(value, 'g', 4);
}

GateJudge::Judgement GateJudge::condition(const GateSpec &gate)
{
    Judgement j;
    switch (gate.comparison) {
    case Comparison::Between:
        j.condition = QStringLiteral("within [%1, %2]").arg(formatValue(gate.lower), formatValue(gate.upper));
        break;
    case Comparison::Below:
        j.limit = gate.threshold;
        j.condition = QStringLiteral("< ") + formatValue(gate.threshold);
        break;
    case Comparison::Above:
        j.limit = gate.threshold;
        j.condition = QStringLiteral("> ") + formatValue(gate.threshold);
        break;
    }
    return j;
}

GateJudge::Judgement GateJudge::judge(const GateSpec &gate, double value, std::optional<double> baseline,
                                      const QString &context)
{
    Judgement j = judgeValue(gate, value, baseline, context);
    if (j.condition.isEmpty()) {
        const Judgement c = condition(gate);
        j.limit = c.limit;
        j.condition = c.condition;
    }
    return j;
}

GateJudge::Judgement GateJudge::judgeValue(const GateSpec &gate, double value, std::optional<double> baseline,
                                           const QString &context)
{
    using V = GateMeasurement::Verdict;
    // A PromQL expression is too long to repeat in every reason: its gate's id stands for it.
    const QString name = gate.promql ? gate.id : gate.metric;
    const QString suffix = context.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(context);
    if (std::isnan(value))
        return {V::NoData, QStringLiteral("%1 has no value%2").arg(name, suffix), std::nullopt, QString()};

    const QString v = formatValue(value);
    if (gate.comparison == Comparison::Between) {
        const QString within = condition(gate).condition;
        if (value >= gate.lower && value <= gate.upper)
            return {V::Pass,
                    QStringLiteral("%1 %2 within [%3, %4]%5").arg(name, v, formatValue(gate.lower), formatValue(gate.upper), suffix),
                    std::nullopt, within};
        return {V::Fail,
                QStringLiteral("%1 %2 outside [%3, %4]%5").arg(name, v, formatValue(gate.lower), formatValue(gate.upper), suffix),
                std::nullopt, within};
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

    // The limit as judged (relative to the baseline, or the floor/ceiling), kept with the reading.
    const QString condition = (below ? QStringLiteral("< ") : QStringLiteral("> ")) + limitText;
    auto judged = [&](V verdict, const QString &reason) { return Judgement{verdict, reason, limit, condition}; };
    if (below) {
        if (value >= limit)
            return judged(V::Fail, QStringLiteral("%1 %2 >= %3%4").arg(name, v, limitText, suffix));
        if (gate.inconclusiveAbove && *gate.inconclusiveAbove < limit && value >= *gate.inconclusiveAbove)
            return judged(V::Inconclusive, QStringLiteral("%1 %2 between %3 and %4: inconclusive%5")
                                         .arg(name, v, formatValue(*gate.inconclusiveAbove), limitText, suffix));
        return judged(V::Pass, QStringLiteral("%1 %2 < %3%4").arg(name, v, limitText, suffix));
    }
    if (value <= limit)
        return judged(V::Fail, QStringLiteral("%1 %2 <= %3%4").arg(name, v, limitText, suffix));
    if (gate.inconclusiveAbove && *gate.inconclusiveAbove > limit && value <= *gate.inconclusiveAbove)
        return judged(V::Inconclusive, QStringLiteral("%1 %2 between %3 and %4: inconclusive%5")
                                     .arg(name, v, limitText, formatValue(*gate.inconclusiveAbove), suffix));
    return judged(V::Pass, QStringLiteral("%1 %2 > %3%4").arg(name, v, limitText, suffix));
}

} // namespace lockstep
