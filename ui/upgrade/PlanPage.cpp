#include "ui/upgrade/PlanPage.h"

#include "app/identity/OperatorIdentity.h"
#include "app/core/Settings.h"
#include "app/engine/Planner.h"
#include "app/engine/Policy.h"
#include "app/runbook/RunbookLoader.h"
#include "models/ChannelPolicy.h"
#include "models/Clock.h"
#include "models/itemmodels/FleetModel.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageWidget.h"
#include "ui/upgrade/UpgradeController.h"
#include "ui/upgrade/UpgradeText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace lockstep {

namespace {
constexpr int VersionRole = Qt::UserRole + 1;
}

PlanPage::PlanPage(QWidget *parent)
    : QWidget(parent)
    , m_scopeSelected(new QRadioButton(tr("Selected instances"), this))
    , m_scopeProduct(new QRadioButton(tr("All pending of product"), this))
    , m_product(new QComboBox(this))
    , m_scopeSummary(new QLabel(this))
    , m_version(new QComboBox(this))
    , m_override(new QCheckBox(tr("Override the channel policy"), this))
    , m_overrideReason(new QLineEdit(this))
    , m_runbook(new QComboBox(this))
    , m_browse(new QPushButton(tr("Runbook file…"), this))
    , m_windowNow(new QCheckBox(tr("Maintenance window from now for"), this))
    , m_windowHours(new QSpinBox(this))
    , m_params(new QLineEdit(this))
    , m_operator(new QLineEdit(UpgradeController::defaultOperator(), this))
    , m_message(new MessageWidget(this))
    , m_preview(new QTreeWidget(this))
    , m_create(new QPushButton(tr("Create run"), this))
{
    setObjectName(QStringLiteral("planPage"));
    m_scopeSelected->setObjectName(QStringLiteral("planScopeSelected"));
    m_scopeProduct->setObjectName(QStringLiteral("planScopeProduct"));
    m_product->setObjectName(QStringLiteral("planProduct"));
    m_scopeSummary->setObjectName(QStringLiteral("planScopeSummary"));
    m_scopeSummary->setWordWrap(true);
    m_version->setObjectName(QStringLiteral("planVersion"));
    m_override->setObjectName(QStringLiteral("planOverride"));
    m_overrideReason->setObjectName(QStringLiteral("planOverrideReason"));
    m_overrideReason->setPlaceholderText(tr("Why (required, goes to the audit log)"));
    m_overrideReason->setEnabled(false);
    m_runbook->setObjectName(QStringLiteral("planRunbook"));
    m_browse->setObjectName(QStringLiteral("planBrowseRunbook"));
    m_windowNow->setObjectName(QStringLiteral("planWindowNow"));
    m_windowHours->setObjectName(QStringLiteral("planWindowHours"));
    m_windowHours->setRange(1, 24);
    m_windowHours->setValue(2);
    m_windowHours->setSuffix(tr(" h"));
    m_params->setObjectName(QStringLiteral("planParams"));
    m_params->setPlaceholderText(tr("Runbook parameters: name=value, name=value"));
    m_operator->setObjectName(QStringLiteral("planOperator"));
    // Who the store or the OS authenticated; only tests may act under a name they give.
    m_operator->setReadOnly(!OperatorIdentity::testIdentitiesEnabled());
    m_message->setObjectName(QStringLiteral("planMessage"));
    m_preview->setObjectName(QStringLiteral("planPreview"));
    m_preview->setHeaderLabels({tr("Plan"), tr("Details"), tr("Expected")});
    m_preview->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_preview->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_create->setObjectName(QStringLiteral("planCreateRun"));
    m_create->setEnabled(false);
    m_create->setDefault(true);

    // Bundled runbooks (resources/runbooks) first; files the operator picks are added below them.
    const QDir bundled(QStringLiteral(":/runbooks"));
    for (const QFileInfo &f : bundled.entryInfoList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files))
        m_runbook->addItem(tr("%1 (bundled)").arg(f.completeBaseName()), f.filePath());

    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(m_scopeSelected);
    scopeRow->addWidget(m_scopeProduct);
    scopeRow->addWidget(m_product, 1);
    auto *overrideRow = new QHBoxLayout;
    overrideRow->addWidget(m_override);
    overrideRow->addWidget(m_overrideReason, 1);
    auto *runbookRow = new QHBoxLayout;
    runbookRow->addWidget(m_runbook, 1);
    runbookRow->addWidget(m_browse);
    auto *windowRow = new QHBoxLayout;
    windowRow->addWidget(m_windowNow);
    windowRow->addWidget(m_windowHours);
    windowRow->addStretch(1);

    auto *form = new QFormLayout;
    form->addRow(tr("Instances:"), scopeRow);
    form->addRow(QString(), m_scopeSummary);
    form->addRow(tr("Target &version:"), m_version);
    form->addRow(QString(), overrideRow);
    form->addRow(tr("Runbook:"), runbookRow);
    form->addRow(tr("Window:"), windowRow);
    form->addRow(tr("&Parameters:"), m_params);
    form->addRow(tr("&Operator:"), m_operator);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_create);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addLayout(buttons);

    connect(m_scopeSelected, &QRadioButton::toggled, this, [this] { fillVersions(); });
    connect(m_product, &QComboBox::currentIndexChanged, this, [this] { fillVersions(); });
    connect(m_version, &QComboBox::currentIndexChanged, this, &PlanPage::recompute);
    connect(m_override, &QCheckBox::toggled, this, [this](bool on) {
        m_overrideReason->setEnabled(on);
        fillVersions();
    });
    connect(m_overrideReason, &QLineEdit::textChanged, this, &PlanPage::recompute);
    connect(m_runbook, &QComboBox::currentIndexChanged, this, &PlanPage::recompute);
    connect(m_browse, &QPushButton::clicked, this, &PlanPage::browseRunbook);
    connect(m_windowNow, &QCheckBox::toggled, this, &PlanPage::recompute);
    connect(m_windowHours, &QSpinBox::valueChanged, this, &PlanPage::recompute);
    connect(m_params, &QLineEdit::editingFinished, this, &PlanPage::recompute);
    connect(m_create, &QPushButton::clicked, this, [this] {
        if (!m_plan)
            return;
        Settings::instance().set(settings::runbookParams(m_plan->runbook.id), m_params->text().trimmed());
        emit createRunRequested(*m_plan);
    });
}

QString PlanPage::operatorName() const
{
    return m_operator->text().trimmed();
}

void PlanPage::setFleet(const FleetModel *fleet, const QStringList &selected)
{
    m_fleet.clear();
    m_releases.clear();
    for (const FleetModel::Row &row : fleet->rows()) {
        m_fleet << row.instance;
        if (!m_releases.contains(row.instance.product))
            m_releases.insert(row.instance.product, fleet->releasesOf(row.instance.product));
    }
    m_selected = selected;
    m_scopeSelected->setEnabled(!selected.isEmpty());
    (selected.isEmpty() ? m_scopeProduct : m_scopeSelected)->setChecked(true);
    fillProducts();
    fillVersions();
}

void PlanPage::fillProducts()
{
    const QSignalBlocker block(m_product);
    m_product->clear();
    QStringList products;
    for (const Instance &i : m_fleet)
        if (!products.contains(i.product))
            products << i.product;
    products.sort();
    QString preferred;
    for (const Instance &i : m_fleet)
        if (m_selected.contains(i.name))
            preferred = i.product;
    m_product->addItems(products);
    if (!preferred.isEmpty())
        m_product->setCurrentText(preferred);
}

QList<Instance> PlanPage::scope() const
{
    QList<Instance> out;
    if (m_scopeSelected->isChecked()) {
        // In the operator's selection order is not known; the table's order keeps the canary choice stable.
        for (const Instance &i : m_fleet)
            if (m_selected.contains(i.name))
                out << i;
        return out;
    }
    const QString product = m_product->currentText();
    const QList<Release> releases = m_releases.value(product);
    for (const Instance &i : m_fleet)
        if (i.product == product && !ChannelPolicy::pendingVersion(i, releases).isEmpty())
            out << i;
    return out;
}

void PlanPage::fillVersions()
{
    const QString previous = m_version->currentData(VersionRole).toString();
    const QList<Instance> instances = scope();
    QStringList names;
    for (const Instance &i : instances)
        names << i.name;
    m_scopeSummary->setText(names.isEmpty() ? tr("No instances: select rows in the fleet table or pick a product with pending versions.")
                                            : upgradetext::instanceList(names));

    const QSignalBlocker block(m_version);
    m_version->clear();
    auto *model = qobject_cast<QStandardItemModel *>(m_version->model());
    QString product = instances.isEmpty() ? m_product->currentText() : instances.first().product;
    std::optional<SemVer> lowest;
    for (const Instance &i : instances)
        if (auto v = SemVer::parse(i.currentVersion); v && (!lowest || *v < *lowest))
            lowest = *v;
    for (const Release &release : m_releases.value(product)) {
        const auto version = SemVer::parse(release.version);
        if (!version || (lowest && *version <= *lowest))
            continue;
        // Allowed = what every instance's update channel permits (ChannelPolicy; starting the upgrade is
        // the approval a manual-approval channel asks for), and what the engine's policy will not refuse
        // (frozen, pinned), so the page never offers what the run would refuse.
        QStringList why;
        for (const Instance &i : instances) {
            const ChannelDecision decision = ChannelPolicy::decide(i, m_releases.value(product), release.version);
            if (!decision.permitted() || decision.verdict == ChannelDecision::Verdict::NeedsOverride) {
                why << (decision.reason.contains(i.name) ? decision.reason : QString(i.name + QStringLiteral(": ") + decision.reason));
                continue;
            }
            for (const PolicyRefusal &r : Policy::checkInstance(i, *version))
                why << r.toString();
        }
        QStringList flags;
        if (release.security)
            flags << tr("security");
        if (release.breaking)
            flags << tr("breaking");
        QString text = release.version;
        if (!flags.isEmpty())
            text += QStringLiteral(" (") + flags.join(QStringLiteral(", ")) + QLatin1Char(')');
        auto *item = new QStandardItem(text);
        item->setData(release.version, VersionRole);
        if (!why.isEmpty()) {
            item->setText(text + QStringLiteral(" — ") + tr("not allowed: %1").arg(why.first())
                          + (why.size() > 1 ? tr(" (+%1 more)").arg(why.size() - 1) : QString()));
            item->setToolTip(why.join(QLatin1Char('\n')));
            item->setData(why.join(QLatin1Char('\n')), Qt::UserRole + 3);
            if (!m_override->isChecked())
                item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        }
        model->appendRow(item);
    }
    int pick = -1;
    for (int i = 0; i < m_version->count(); ++i) {
        const bool enabled = model->item(i)->isEnabled();
        if (enabled && m_version->itemData(i, VersionRole).toString() == previous)
            pick = i;
        if (pick < 0 && enabled && model->item(i)->data(Qt::UserRole + 3).isNull())
            pick = i;
    }
    m_version->setCurrentIndex(pick);
    recompute();
}

void PlanPage::browseRunbook()
{
    const QString file = FileDialog::getOpenFileName(this, tr("Choose a runbook"), QString(),
                                                     tr("Runbooks (*.yaml *.yml);;All files (*)"));
    if (!file.isEmpty())
        addRunbookFile(file);
}

void PlanPage::addRunbookFile(const QString &path)
{
    int index = m_runbook->findData(path);
    if (index < 0) {
        m_runbook->addItem(QFileInfo(path).fileName(), path);
        index = m_runbook->count() - 1;
    }
    if (m_runbook->currentIndex() == index)
        recompute();
    else
        m_runbook->setCurrentIndex(index);
}

void PlanPage::recompute()
{
    m_plan.reset();
    m_create->setEnabled(false);
    m_preview->clear();
    const QList<Instance> instances = scope();
    const QString version = m_version->currentData(VersionRole).toString();
    const QString file = m_runbook->currentData().toString();
    if (instances.isEmpty() || version.isEmpty()) {
        m_message->showMessage(instances.isEmpty() ? tr("Nothing to upgrade yet.") : tr("No allowed target version."),
                               MessageWidget::Type::Information);
        return;
    }
    if (file.isEmpty()) {
        m_message->showMessage(tr("Choose a runbook (Runbook file…)."), MessageWidget::Type::Information);
        return;
    }
    auto runbook = RunbookLoader::loadFile(file);
    if (!runbook) {
        m_message->showMessage(runbook.error().toString(), MessageWidget::Type::Error);
        return;
    }
    // The parameters last used with this runbook fill the field while the operator has typed none.
    if (m_params->text().trimmed().isEmpty() || m_params->text() == m_offeredParams) {
        m_offeredParams = Settings::instance().get(settings::runbookParams(runbook->id));
        m_params->setText(m_offeredParams);
    }
    PlanRequest request;
    request.runbooks = {*runbook};
    request.instances = instances;
    request.targetVersion = version;
    request.timeScale = UpgradeController::timeScale();
    for (const QString &pair : m_params->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            m_message->showMessage(tr("Parameter \"%1\" is not name=value.").arg(pair.trimmed()), MessageWidget::Type::Warning);
            return;
        }
        request.params.insert(pair.left(eq).trimmed(), pair.mid(eq + 1).trimmed());
    }
    const QDateTime now = Clock::instance().now();
    if (m_windowNow->isChecked())
        request.window = MaintenanceWindow{now.addSecs(-60), now.addSecs(3600LL * m_windowHours->value())};
    if (m_override->isChecked()) {
        const QString reason = m_overrideReason->text().trimmed();
        if (reason.isEmpty()) {
            m_message->showMessage(tr("An override needs a reason."), MessageWidget::Type::Warning);
            return;
        }
        for (const PolicyOverride::Kind kind : {PolicyOverride::Kind::Frozen, PolicyOverride::Kind::Pinned,
                                                PolicyOverride::Kind::MaintenanceWindow})
            request.overrides << PolicyOverride{kind, {}, reason, operatorName()};
    }
    auto plan = Planner::plan(request, now);
    if (!plan) {
        m_message->showMessage(plan.error().toString(), MessageWidget::Type::Error);
        return;
    }
    QFile source(file);
    if (source.open(QIODevice::ReadOnly))
        plan->runbookSource = QString::fromUtf8(source.readAll());
    m_plan = *plan;
    showPreview(*plan);
    m_message->hideMessage();
    m_create->setEnabled(true);
}

void PlanPage::showPreview(const Plan &plan)
{
    const PlanPreview p = Planner::preview(plan, Clock::instance().now());
    auto add = [this](QTreeWidgetItem *parent, const QString &a, const QString &b, const QString &c = {}) {
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_preview);
        item->setText(0, a);
        item->setText(1, b);
        item->setText(2, c);
        return item;
    };
    add(nullptr, tr("Runbook"), tr("%1: %2 change to %3").arg(p.runbookId, changeClassName(p.changeClass), p.targetVersion));
    if (p.timeScale > 1)
        add(nullptr, tr("Demo time scale"), upgradetext::timeScale(p.timeScale));
    auto *waves = add(nullptr, tr("Waves"),
                      tr("%1 waves, at most %2 at a time, %3, observe %4")
                          .arg(p.waves.size())
                          .arg(p.maxParallel)
                          .arg(p.autoPromote ? tr("promote automatically") : tr("promote by approval"),
                               upgradetext::duration(p.observe)),
                      upgradetext::duration(p.expectedTotal));
    for (int i = 0; i < p.waves.size(); ++i)
        add(waves, tr("%1. %2").arg(i + 1).arg(p.waves[i].name), p.waves[i].instances.join(QStringLiteral(", ")),
            upgradetext::duration(p.waves[i].expected));
    auto *steps = add(nullptr, tr("Steps"), tr("%1 per instance").arg(p.steps.size()));
    for (const auto &s : p.steps)
        add(steps, s.id, s.title + (s.disruptive ? tr("  [disruptive: needs the window]") : QString()),
            upgradetext::duration(s.expected));
    auto *rollback = add(nullptr, tr("Rollback"), p.rollback.isEmpty() ? tr("undo steps only") : QString());
    for (const auto &s : p.rollback)
        add(rollback, s.id, s.title, upgradetext::duration(s.expected));
    add(nullptr, tr("Maintenance window"), p.windowStatus);
    for (const QString &o : p.overrides)
        add(nullptr, tr("Override"), o);
    for (const QString &e : p.excluded)
        add(nullptr, tr("Excluded"), e);
    m_preview->expandAll();
}

} // namespace lockstep
