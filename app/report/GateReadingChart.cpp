#include "app/report/GateReadingChart.h"

#include <QPainter>
#include <QPainterPath>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace lockstep::GateReadingChart {

namespace {

// A round upper end for the value axis: 1, 2, 2.5 or 5 times a power of ten.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (value <= step * power)
            return step * power;
    return 10 * power;
}

} // namespace

QImage render(const QString &title, const QList<GateMeasurementRecord> &readings, QSize size)
{
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setPixelSize(12);
    p.setFont(font);
    p.drawText(QRect(10, 4, size.width() - 20, 18), Qt::AlignLeft | Qt::AlignVCenter, title);

    const QRectF plot(60, 28, size.width() - 80, size.height() - 56);
    qint64 first = 0, last = 0;
    double top = 0;
    bool any = false;
    for (const GateMeasurementRecord &r : readings) {
        const qint64 t = r.measuredAt.toMSecsSinceEpoch();
        first = any ? std::min(first, t) : t;
        last = any ? std::max(last, t) : t;
        any = true;
        top = std::max({top, r.value.value_or(0), r.threshold.value_or(0)});
    }
    top = niceCeiling(top * 1.1);
    const qint64 span = std::max<qint64>(1000, last - first);
    auto x = [&](qint64 t) { return plot.left() + plot.width() * double(t - first) / double(span); };
    auto y = [&](double v) { return plot.bottom() - plot.height() * std::clamp(v / top, 0.0, 1.0); };

    // Axes with five value ticks and the first and last reading's time.
    p.setPen(QPen(QColor(0xc0, 0xc0, 0xc0), 1));
    for (int i = 0; i <= 4; ++i) {
        const double v = top * i / 4;
        p.drawLine(QPointF(plot.left(), y(v)), QPointF(plot.right(), y(v)));
        p.setPen(Qt::black);
        p.drawText(QRectF(0, y(v) - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter, QString::number(v, 'g', 3));
        p.setPen(QPen(QColor(0xc0, 0xc0, 0xc0), 1));
    }
    p.setPen(Qt::black);
    p.drawRect(plot);
    if (any) {
        const QString from = QDateTime::fromMSecsSinceEpoch(first, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
        const QString to = QDateTime::fromMSecsSinceEpoch(last, Qt::UTC).toString(QStringLiteral("HH:mm:ss 'UTC'"));
        p.drawText(QRectF(plot.left(), plot.bottom() + 4, 200, 16), Qt::AlignLeft, from);
        p.drawText(QRectF(plot.right() - 200, plot.bottom() + 4, 200, 16), Qt::AlignRight, to);
    }

    // Where each wave's (or the watch's) readings begin.
    QString group;
    p.setPen(QPen(QColor(0x80, 0x80, 0x80), 1, Qt::DotLine));
    for (const GateMeasurementRecord &r : readings) {
        const QString g = r.phase + QString::number(r.wave);
        if (g == group)
            continue;
        group = g;
        const double at = x(r.measuredAt.toMSecsSinceEpoch());
        p.drawLine(QPointF(at, plot.top()), QPointF(at, plot.bottom()));
        p.drawText(QRectF(at + 3, plot.top() + 2, 120, 14), Qt::AlignLeft,
                   r.phase == QLatin1String(GateMeasurementRecord::kWatchPhase) ? QStringLiteral("watch")
                                                                                : QStringLiteral("wave %1").arg(r.wave));
    }

    // The threshold the readings were judged against (the last one: a baseline gate's moves).
    for (auto it = readings.crbegin(); it != readings.crend(); ++it) {
        if (!it->threshold)
            continue;
        p.setPen(QPen(QColor(0xd0, 0x30, 0x30), 1.5, Qt::DashLine));
        p.drawLine(QPointF(plot.left(), y(*it->threshold)), QPointF(plot.right(), y(*it->threshold)));
        break;
    }

    // The values: a line through the readings of one group, a dot per reading.
    QPainterPath line;
    bool open = false;
    group.clear();
    for (const GateMeasurementRecord &r : readings) {
        const QString g = r.phase + QString::number(r.wave) + r.scope;
        if (!r.value || g != group) {
            open = false;
            group = g;
        }
        if (!r.value)
            continue;
        const QPointF point(x(r.measuredAt.toMSecsSinceEpoch()), y(*r.value));
        if (open)
            line.lineTo(point);
        else
            line.moveTo(point);
        open = true;
    }
    p.setPen(QPen(QColor(0x20, 0x60, 0xc0), 2));
    p.drawPath(line);
    for (const GateMeasurementRecord &r : readings) {
        if (!r.value)
            continue;
        const bool failed = r.verdict != QLatin1String("pass");
        p.setBrush(failed ? QColor(0xd0, 0x30, 0x30) : QColor(0x20, 0x60, 0xc0));
        p.setPen(Qt::NoPen);
        p.drawEllipse(QPointF(x(r.measuredAt.toMSecsSinceEpoch()), y(*r.value)), 3.5, 3.5);
    }
    return image;
}

QList<QPair<QString, QImage>> charts(const QList<GateMeasurementRecord> &readings)
{
    QStringList gates;
    for (const GateMeasurementRecord &r : readings)
        if (r.value && !gates.contains(r.gate))
            gates << r.gate;
    QList<QPair<QString, QImage>> out;
    for (const QString &gate : std::as_const(gates)) {
        QList<GateMeasurementRecord> mine;
        for (const GateMeasurementRecord &r : readings)
            if (r.gate == gate)
                mine << r;
        const GateMeasurementRecord &last = mine.last();
        const QString title = QStringLiteral("%1 (%2 %3): %4 readings").arg(gate, last.metric, last.condition).arg(mine.size());
        out.append({title, render(title, mine)});
    }
    return out;
}

} // namespace lockstep::GateReadingChart
