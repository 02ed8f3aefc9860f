#include "ui/upgrade/ProgressModel.h"

#include "models/Clock.h"
#include "ui/common/Theme.h"
#include "ui/upgrade/UpgradeText.h"

#include <QApplication>

#include <algorithm>

namespace lockstep {

ProgressModel::ProgressModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // ~10 repaints a second at most, however many steps report.
    m_flushTimer.setInterval(100);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &ProgressModel::flush);
    m_tickTimer.setInterval(1000);
    connect(&m_tickTimer, &QTimer::timeout, this, [this] {
        for (int r = 0; r < m_rows.size(); ++r)
            for (const QList<Cell> *cells : {&m_rows.at(r).cells, &m_rows.at(r).rollbackCells})
                if (std::any_of(cells->cbegin(), cells->cend(), [](const Cell &c) { return c.status == CellStatus::Running; }))
                    markDirty(r);
    });
    m_tickTimer.start();
}

int ProgressModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProgressModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstStepColumn + int(m_steps.size() + m_rollbackSteps.size());
}

QString ProgressModel::instanceAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).instance : QString();
}

ProgressModel::CellStatus ProgressModel::cellStatus(const QString &instance, const QString &step) const
{
    const int row = rowOf(instance);
    const qsizetype col = m_steps.indexOf(step);
    if (row < 0 || col < 0)
        return CellStatus::Pending;
    return m_rows.at(row).cells.at(col).status;
}

ProgressModel::CellStatus ProgressModel::rollbackCellStatus(const QString &instance, const QString &step) const
{
    const int row = rowOf(instance);
    const qsizetype col = m_rollbackSteps.indexOf(step);
    if (row < 0 || col < 0)
        return CellStatus::Pending;
    return m_rows.at(row).rollbackCells.at(col).status;
}

QString ProgressModel::stepAt(int column) const
{
    const int step = column - FirstStepColumn;
    if (step < 0)
        return {};
    if (step < m_steps.size())
        return m_steps.at(step);
    return m_rollbackSteps.value(step - m_steps.size());
}

const ProgressModel::Cell *ProgressModel::cellAt(const Row &row, int column) const
{
    const int step = column - FirstStepColumn;
    if (step < 0)
        return nullptr;
    if (step < row.cells.size())
        return &row.cells.at(step);
    const int rollback = step - int(m_steps.size());
    return rollback < row.rollbackCells.size() ? &row.rollbackCells.at(rollback) : nullptr;
}

ProgressModel::Cell *ProgressModel::cellFor(const StepResult &attempt)
{
    const int row = rowOf(attempt.instance);
    if (row < 0)
        return nullptr;
    if (attempt.phase != RunPhase::Rollback) {
        const qsizetype col = m_steps.indexOf(attempt.step);
        return col < 0 ? nullptr : &m_rows[row].cells[col];
    }
    qsizetype col = m_rollbackSteps.indexOf(attempt.step);
    if (col < 0) {
        // The first time this rollback step runs on any instance: its column appears.
        col = m_rollbackSteps.size();
        const int column = columnCount();
        beginInsertColumns({}, column, column);
        m_rollbackSteps << attempt.step;
        const StepSpec *spec = m_plan.runbook.findStep(attempt.step);
        for (Row &r : m_rows) {
            Cell c;
            c.expectedMs = spec ? spec->expected.count() : 0;
            r.rollbackCells << c;
        }
        endInsertColumns();
    }
    return &m_rows[row].rollbackCells[col];
}

void ProgressModel::setPlan(const Plan &plan)
{
    beginResetModel();
    m_plan = plan;
    m_steps.clear();
    m_rollbackSteps.clear();
    m_rows.clear();
    m_rowByName.clear();
    m_dirty.clear();
    // Columns: the run-level before: steps, the instances' steps, the run-level after: steps.
    m_runLevelBefore = int(plan.runbook.before.size());
    m_runLevelAfter = int(plan.runbook.after.size());
    QList<StepSpec> columns = plan.runbook.before;
    columns << plan.runbook.steps << plan.runbook.after;
    for (const StepSpec &s : std::as_const(columns))
        m_steps << s.id;
    if (m_runLevelBefore + m_runLevelAfter > 0) {
        // The "Run" lane above the instances: the steps that run once per run (empty instance name).
        Row row;
        row.wave = -1;
        row.progress.wave = -1;
        row.progress.phase = RunPhase::Before;
        for (const StepSpec &s : std::as_const(columns)) {
            Cell c;
            c.expectedMs = s.expected.count();
            row.cells << c;
        }
        m_rowByName.insert(QString(), 0);
        m_rows << row;
    }
    for (const Wave &w : plan.waves)
        for (const Instance &i : w.instances) {
            Row row;
            row.instance = i.name;
            row.fromVersion = i.currentVersion;
            row.wave = w.index;
            row.waveName = w.name;
            row.progress.instance = i.name;
            row.progress.wave = w.index;
            for (const StepSpec &s : std::as_const(columns)) {
                Cell c;
                c.expectedMs = s.expected.count();
                row.cells << c;
            }
            m_rowByName.insert(i.name, int(m_rows.size()));
            m_rows << row;
        }
    endResetModel();
}

void ProgressModel::markDirty(int row)
{
    m_dirty.insert(row);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ProgressModel::flush()
{
    m_flushTimer.stop();
    for (int row : std::as_const(m_dirty))
        if (row < m_rows.size())
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    m_dirty.clear();
}

void ProgressModel::applyStarted(const StepResult &intent)
{
    const int row = rowOf(intent.instance);
    if (row < 0)
        return;
    if (intent.phase == RunPhase::Rollback)
        m_rows[row].rollbackStep = intent.step;
    Cell *cell = cellFor(intent);
    if (!cell) {
        markDirty(row);
        return;
    }
    Cell &c = *cell;
    c.status = CellStatus::Running;
    c.started = intent.startedAt.isValid() ? intent.startedAt : Clock::instance().now();
    c.attempt = intent.attempt;
    c.note.clear();
    markDirty(row);
}

void ProgressModel::applyFinished(const StepResult &result)
{
    const int row = rowOf(result.instance);
    if (row < 0)
        return;
    Cell *cell = cellFor(result);
    if (!cell) {
        markDirty(row);
        return;
    }
    Cell &c = *cell;
    c.durationMs = result.durationMs;
    c.attempt = result.attempt;
    c.note = result.note;
    if (!c.started.isValid())
        c.started = result.startedAt;
    switch (result.outcome.value_or(StepOutcome::Interrupted)) {
    case StepOutcome::Succeeded: c.status = CellStatus::Succeeded; break;
    case StepOutcome::MarkedDone: c.status = CellStatus::Succeeded; break;
    case StepOutcome::Skipped: c.status = CellStatus::Skipped; break;
    case StepOutcome::Cancelled: c.status = CellStatus::Cancelled; break;
    case StepOutcome::Interrupted: c.status = CellStatus::Interrupted; break;
    case StepOutcome::Failed:
    case StepOutcome::TimedOut: c.status = CellStatus::Failed; break;
    }
    if (!result.hasResult())
        c.status = CellStatus::Interrupted;
    markDirty(row);
}

void ProgressModel::applyProgress(const InstanceProgress &progress)
{
    const int row = rowOf(progress.instance);
    if (row < 0)
        return;
    m_rows[row].progress = progress;
    markDirty(row);
}

QString ProgressModel::stateText(const Row &row) const
{
    const InstanceProgress &p = row.progress;
    QString text = instanceStateName(p.state);
    if (row.wave < 0)   // the run lane: which part of the run-level steps
        return p.state == InstanceState::Pending ? text : tr("%1 (%2)").arg(text, runPhaseName(p.phase));
    if (p.state == InstanceState::RollingBack) {
        // Where the instance is headed, and the rollback step on the way.
        text += QStringLiteral(" %1 → %2").arg(m_plan.targetVersion.toString(), row.fromVersion);
        if (!row.rollbackStep.isEmpty())
            text += QStringLiteral(": ") + row.rollbackStep;
    } else if (p.state == InstanceState::Succeeded)
        text += QStringLiteral(" → ") + m_plan.targetVersion.toString();
    else if (p.state == InstanceState::RolledBack)
        text += QStringLiteral(" → ") + row.fromVersion;
    else if (p.state == InstanceState::NeedsRestore)
        // Never shown as rolled back: it is (at least partly) still on the new version. The note says what to restore.
        text = tr("⚠ needs restore (on %1)").arg(m_plan.targetVersion.toString());
    return text;
}

QString ProgressModel::cellText(const Cell &c) const
{
    auto secs = [](qint64 ms) { return upgradetext::duration(std::chrono::milliseconds(std::max<qint64>(ms, 1))); };
    switch (c.status) {
    case CellStatus::Pending: return {};
    case CellStatus::Running: {
        const qint64 elapsed = c.started.msecsTo(Clock::instance().now());
        return c.expectedMs > 0 ? tr("%1 of %2").arg(secs(elapsed), secs(c.expectedMs)) : secs(elapsed);
    }
    case CellStatus::Succeeded: return secs(c.durationMs);
    case CellStatus::Failed: return tr("failed");
    case CellStatus::Skipped: return tr("skipped");
    case CellStatus::Cancelled: return tr("cancelled");
    case CellStatus::Interrupted: return tr("interrupted");
    }
    return {};
}

QVariant ProgressModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const int col = index.column();
    if (role == InstanceRole)
        return row.instance;
    if (role == InstanceStateRole)
        return int(row.progress.state);
    if (col < FirstStepColumn) {
        if (col == StateColumn && row.progress.state == InstanceState::NeedsRestore
            && (role == Qt::BackgroundRole || role == Qt::ForegroundRole)) {
            const bool dark = Theme::isDark(QApplication::palette());
            return role == Qt::BackgroundRole ? Theme::background(Theme::Tone::Bad, dark) : Theme::foreground(Theme::Tone::Bad, dark);
        }
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
            return {};
        switch (col) {
        case WaveColumn: return row.wave < 0 ? QStringLiteral("—") : tr("%1 · %2").arg(row.wave + 1).arg(row.waveName);
        case InstanceColumn: return row.wave < 0 ? tr("Run (once)") : row.instance;
        case StateColumn: return role == Qt::ToolTipRole && !row.progress.note.isEmpty() ? row.progress.note : stateText(row);
        }
        return {};
    }
    const Cell *cell = cellAt(row, col);
    if (!cell)
        return {};
    const Cell &c = *cell;
    const bool rollback = col - FirstStepColumn >= m_steps.size();
    switch (role) {
    case Qt::DisplayRole: return cellText(c);
    case RollbackRole: return rollback;
    case Qt::ToolTipRole: {
        QString tip = rollback ? tr("rollback step %1").arg(stepAt(col)) : stepAt(col);
        if (c.attempt > 1)
            tip += tr(" (attempt %1)").arg(c.attempt);
        if (!c.note.isEmpty())
            tip += QStringLiteral("\n") + c.note;
        return tip;
    }
    case StatusRole: return int(c.status);
    case StepRole: return stepAt(col);
    case FractionRole: {
        if (c.expectedMs <= 0 || c.status == CellStatus::Pending)
            return -1.0;
        const qint64 elapsed = c.status == CellStatus::Running ? c.started.msecsTo(Clock::instance().now()) : c.durationMs;
        return double(elapsed) / double(c.expectedMs);
    }
    }
    return {};
}

QVariant ProgressModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WaveColumn: return tr("Wave");
    case InstanceColumn: return tr("Instance");
    case StateColumn: return tr("State");
    }
    const int step = section - FirstStepColumn;
    if (step >= m_steps.size() && step < m_steps.size() + m_rollbackSteps.size())
        return QString(QStringLiteral("↩ ") + m_rollbackSteps.at(step - m_steps.size()));
    if (step >= 0 && (step < m_runLevelBefore || step >= m_steps.size() - m_runLevelAfter) && step < m_steps.size())
        return tr("run: %1").arg(m_steps.at(step));   // a run-level step's column
    return step >= 0 && step < m_steps.size() ? m_steps.at(step) : QVariant();
}

} // namespace lockstep
