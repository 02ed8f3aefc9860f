#include "ui/upgrade/GatePanel.h"

#include "app/metrics/MetricDefinitions.h"
#include "ui/charts/MetricChart.h"
#include "ui/upgrade/UpgradeText.h"
#include "models/Clock.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace lockstep {

namespace {

QString gateId(const GateSpec &g)
{
    return g.id.isEmpty() ? g.metric : g.id;
}

QString thresholdText(const GateSpec &g)
{
    switch (g.comparison) {
    case Comparison::Below: return QStringLiteral("< %1").arg(g.threshold);
    case Comparison::Above: return QStringLiteral("> %1").arg(g.threshold);
    case Comparison::Between: return QStringLiteral("%1 .. %2").arg(g.lower).arg(g.upper);
    }
    return {};
}

QString verdictName(GateMeasurement::Verdict v)
{
    switch (v) {
    case GateMeasurement::Verdict::Pass: return QObject::tr("pass");
    case GateMeasurement::Verdict::Fail: return QObject::tr("fail");
    case GateMeasurement::Verdict::Inconclusive: return QObject::tr("inconclusive");
    case GateMeasurement::Verdict::NoData: return QObject::tr("no data");
    case GateMeasurement::Verdict::ProviderError: return QObject::tr("provider error");
    }
    return {};
}

} // namespace

GatePanel::GatePanel(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_verdict(new QLabel(this))
    , m_chartArea(new QWidget(this))
{
    setObjectName(QStringLiteral("gatePanel"));
    m_table->setObjectName(QStringLiteral("gateTable"));
    m_verdict->setObjectName(QStringLiteral("gateVerdict"));
    m_verdict->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("Gate"), tr("Expression"), tr("Current"), tr("Threshold"), tr("Failures"), tr("State")});
    m_table->verticalHeader()->hide();
    m_table->setTabKeyNavigation(false);   // Tab leaves the table; arrows move in it
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    new QHBoxLayout(m_chartArea);
    m_chartArea->layout()->setContentsMargins(0, 0, 0, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_verdict);
    layout->addWidget(m_table);
    layout->addWidget(m_chartArea, 1);
    m_follow.setInterval(1000);
    connect(&m_follow, &QTimer::timeout, this, &GatePanel::followClock);
}

void GatePanel::setPlan(const Plan &plan)
{
    m_plan = plan;
    qDeleteAll(m_charts);
    m_charts.clear();
    m_follow.stop();
    m_upgradeTime = {};
    m_firstMeasured.clear();
    m_failures.clear();
    m_lastVerdict.clear();
    m_open.clear();
    m_watchEnds = {};
    m_watchGates.clear();
    m_table->setRowCount(0);
    m_verdict->setText(plan.runbook.gates.isEmpty() ? tr("This runbook has no gates between waves.")
                                                    : tr("Gates are measured after each wave."));
    for (const GateSpec &g : plan.runbook.gates) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString id = gateId(g);
        auto set = [&](int col, const QString &text) { m_table->setItem(row, col, new QTableWidgetItem(text)); };
        set(GateColumn, g.title.isEmpty() ? id : g.title);
        m_table->item(row, GateColumn)->setData(Qt::UserRole, id);
        set(ExpressionColumn, tr("%1 every %2, %3 times").arg(g.metric, upgradetext::duration(g.interval), QString::number(g.count)));
        set(ValueColumn, QStringLiteral("–"));
        set(ThresholdColumn, thresholdText(g));
        set(FailuresColumn, tr("0 of %1").arg(g.failureLimit));
        set(StateColumn, tr("waiting"));
        auto *chart = new MetricChart(g.title.isEmpty() ? id : g.title, m_chartArea);
        chart->setObjectName(QStringLiteral("gateChart_") + id);
        chart->setMinimumHeight(180);
        chart->setValueLabel(g.metric, g.metric == QLatin1String("error_rate")               ? MetricChart::Unit::Ratio
                                       : MetricDefinitions::latencyQuantile(g.metric).has_value() ? MetricChart::Unit::Seconds
                                                                                                : MetricChart::Unit::Count);
        if (g.comparison != Comparison::Between)
            chart->setThreshold(g.threshold);
        // The values the gate fails on, shaded.
        if (g.comparison == Comparison::Below)
            chart->setFailingBand(g.threshold, std::nullopt);
        else if (g.comparison == Comparison::Above)
            chart->setFailingBand(std::nullopt, g.threshold);
        else
            chart->setFailingBand(g.upper, g.lower);
        m_chartArea->layout()->addWidget(chart);
        m_charts.insert(id, chart);
        m_open.insert(id);
    }
}

void GatePanel::setUpgradeTime(const QDateTime &time)
{
    m_upgradeTime = time;
    for (MetricChart *c : std::as_const(m_charts))
        c->setUpgradeTime(time);
    // From the upgrade on, the charts' time axis runs with the clock until the run ends, so the time
    // since the last measurement (an approval waiting, a watch going on) shows too.
    m_follow.start();
    followClock();
}

void GatePanel::followClock()
{
    const QDateTime now = Clock::instance().now();
    for (auto it = m_charts.cbegin(); it != m_charts.cend(); ++it) {
        QDateTime from = m_upgradeTime;
        if (const QDateTime first = m_firstMeasured.value(it.key()); first.isValid() && (!from.isValid() || first < from))
            from = first;
        if (from.isValid())
            it.value()->setTimeRange(from.addSecs(-5), std::max(now, from.addSecs(20)));
    }
    if (m_watchEnds.isValid())
        showWatchLeft();
}

void GatePanel::watching(const QDateTime &ends, const QStringList &gates, OnFailure onFailure)
{
    m_watchEnds = ends;
    m_watchGates = gates;
    m_watchOnFailure = onFailure;
    m_failures.clear();
    m_lastVerdict.clear();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString gate = m_table->item(row, GateColumn)->data(Qt::UserRole).toString();
        if (!gates.contains(gate)) {
            m_table->item(row, StateColumn)->setText(tr("not part of the watch"));
            continue;
        }
        m_open.insert(gate);
        m_table->item(row, StateColumn)->setText(tr("watching"));
        m_table->item(row, FailuresColumn)->setText(tr("0 of %1").arg(m_plan.runbook.gates.value(row).failureLimit));
    }
    if (!m_follow.isActive())
        m_follow.start();
    showWatchLeft();
}

void GatePanel::showWatchLeft()
{
    const qint64 left = std::max<qint64>(0, Clock::instance().now().msecsTo(m_watchEnds));
    const QString policy = m_watchOnFailure == OnFailure::Rollback
                               ? tr("a failing gate rolls every upgraded instance back")
                               : tr("a failing gate pauses the run for you");
    m_verdict->setText(tr("Watching after the rollout: %1 left (until %2). The gates %3 keep measuring; %4. "
                          "Roll back all stays one action; End watch finishes early with a reason.")
                           .arg(upgradetext::timeLeft(std::chrono::milliseconds(left)),
                                QLocale().toString(m_watchEnds.toLocalTime(), QLocale::ShortFormat),
                                m_watchGates.join(QStringLiteral(", ")), policy));
}

void GatePanel::waveObserving(int wave)
{
    m_failures.clear();
    m_lastVerdict.clear();
    for (const GateSpec &g : std::as_const(m_plan.runbook.gates))
        m_open.insert(gateId(g));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        m_table->item(row, StateColumn)->setText(tr("measuring after wave %1").arg(wave + 1));
        m_table->item(row, FailuresColumn)->setText(tr("0 of %1").arg(m_plan.runbook.gates.value(row).failureLimit));
    }
    m_verdict->setText(tr("Observing wave %1: gates decide whether the next wave may start.").arg(wave + 1));
}

int GatePanel::rowOf(const QString &gate) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, GateColumn)->data(Qt::UserRole).toString() == gate)
            return row;
    return -1;
}

QString GatePanel::policyText() const
{
    switch (m_plan.runbook.strategy.onFailure) {
    case OnFailure::Rollback: return tr("The run's failure policy rolls the upgraded instances back automatically.");
    case OnFailure::Pause: return tr("The run pauses: decide to roll back, retry or continue.");
    case OnFailure::Continue: return tr("The run's failure policy continues regardless.");
    }
    return {};
}

void GatePanel::applyMeasurement(const QString &gate, const GateMeasurement &m)
{
    if (MetricChart *chart = m_charts.value(gate); chart && m.value) {
        if (!m_firstMeasured.contains(gate))
            m_firstMeasured.insert(gate, m.time);
        chart->appendPoint(m.time, *m.value);
        // A gate comparing against a baseline (the instances not upgraded, or before the upgrade):
        // its baseline value as a second, dashed series.
        if (m.baseline) {
            if (!chart->hasBaseline()) {
                const GateSpec *spec = nullptr;
                for (const GateSpec &g : std::as_const(m_plan.runbook.gates))
                    if (gateId(g) == gate)
                        spec = &g;
                chart->setBaseline(spec && spec->baseline == QLatin1String("pre-upgrade") ? tr("baseline (before the upgrade)")
                                                                                         : tr("baseline (not upgraded)"),
                                   {}, {});
            }
            chart->appendBaselinePoint(m.time, *m.baseline);
        }
    }
    const int row = rowOf(gate);
    if (row < 0)
        return;
    if (m.verdict == GateMeasurement::Verdict::Fail)
        ++m_failures[gate];
    m_table->item(row, ValueColumn)->setText(m.value ? QString::number(*m.value, 'g', 4) : tr("no data"));
    m_table->item(row, ValueColumn)->setToolTip(m.reason);
    m_table->item(row, FailuresColumn)->setText(tr("%1 of %2").arg(m_failures.value(gate)).arg(m_plan.runbook.gates.value(row).failureLimit));
    m_table->item(row, StateColumn)->setText(tr("measuring (last: %1)").arg(verdictName(m.verdict)));
    m_lastVerdict.insert(gate, verdictName(m.verdict));
}

void GatePanel::applyOutcome(const QString &gate, const GateOutcome &outcome)
{
    const int row = rowOf(gate);
    QString state;
    switch (outcome.state) {
    case GateOutcome::State::Passed: state = QStringLiteral("✔ ") + tr("passed"); break;
    case GateOutcome::State::Failed: state = QStringLiteral("✘ ") + tr("failed"); break;
    case GateOutcome::State::NeedsOperator: state = tr("needs the operator"); break;
    }
    m_lastVerdict.remove(gate);
    m_open.remove(gate);
    if (row >= 0) {
        m_table->item(row, StateColumn)->setText(state);
        m_table->item(row, StateColumn)->setToolTip(outcome.summary);
    }
    if (m_watchEnds.isValid()) {
        // During the watch a passed round is followed by the next; a failure or a question ends the watch.
        if (outcome.state == GateOutcome::State::Passed) {
            m_open.insert(gate);
            m_failures.remove(gate);
            return;
        }
        m_watchEnds = {};
        m_verdict->setText(outcome.state == GateOutcome::State::Failed
                               ? tr("Gate %1 failed during the watch: %2").arg(gate, outcome.summary)
                               : tr("Gate %1 is inconclusive during the watch: %2. Resume to watch on, roll back or end "
                                    "the watch.").arg(gate, outcome.summary));
        return;
    }
    if (outcome.state == GateOutcome::State::Failed)
        m_verdict->setText(tr("Gate %1 failed: %2. %3").arg(gate, outcome.summary, policyText()));
    else if (outcome.state == GateOutcome::State::NeedsOperator)
        m_verdict->setText(tr("Gate %1 is inconclusive: %2. Approve the next wave or roll back.").arg(gate, outcome.summary));
    else
        m_verdict->setText(tr("Gate %1 passed: %2").arg(gate, outcome.summary));
}

void GatePanel::runEnded(const QString &how)
{
    m_watchEnds = {};
    followClock();
    m_follow.stop();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString gate = m_table->item(row, GateColumn)->data(Qt::UserRole).toString();
        QTableWidgetItem *state = m_table->item(row, StateColumn);
        if (m_lastVerdict.contains(gate))
            state->setText(tr("stopped unfinished: the run %1 (last measurement: %2)").arg(how, m_lastVerdict.value(gate)));
        else if (m_open.contains(gate))
            state->setText(tr("not measured: the run %1").arg(how));
    }
    m_lastVerdict.clear();
    m_open.clear();
}

QString GatePanel::verdict() const
{
    return m_verdict->text();
}

QStringList GatePanel::header() const
{
    QStringList out;
    for (int c = 0; c < m_table->columnCount(); ++c)
        out << m_table->horizontalHeaderItem(c)->text();
    return out;
}

QList<QStringList> GatePanel::rows() const
{
    QList<QStringList> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_table->columnCount(); ++c)
            cells << (m_table->item(r, c) ? m_table->item(r, c)->text() : QString());
        out << cells;
    }
    return out;
}

QList<QPair<QString, QImage>> GatePanel::chartImages() const
{
    QList<QPair<QString, QImage>> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        MetricChart *chart = m_charts.value(m_table->item(r, GateColumn)->data(Qt::UserRole).toString());
        if (!chart)
            continue;
        // A chart on a tab never shown has no size yet: give it a report-sized one.
        if (chart->width() < 300)
            chart->resize(700, 260);
        chart->replotNow();
        out.append({m_table->item(r, GateColumn)->text(), chart->grab().toImage()});
    }
    return out;
}

} // namespace lockstep
