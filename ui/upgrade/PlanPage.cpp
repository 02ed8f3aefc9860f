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
#include "app/session/ConsoleSession.h"
#include "app/session/ConsoleSettings.h"
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

#include <algorithm>

namespace lockstep {

namespace {
constexpr int VersionRole = Qt::UserRole + 1;
constexpr int AvoidRole = Qt::UserRole + 4;     // breaking, or rolled back before: not offered first
}

PlanPage::PlanPage(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_scopeSelected(new QRadioButton(tr("Selected instances"), this))
    , m_scopeProduct(new QRadioButton(tr("All pending of product"), this))
    , m_product(new QComboBox(this))
    , m_scopeSummary(new QLabel(this))
    , m_version(new QComboBox(this))
    , m_override(new QCheckBox(tr("Override the channel policy"), this))
    , m_overrideReason(new QLineEdit(this))
    , m_runbook(new QComboBox(this))
    , m_browse(new QPushButton(tr("Runbook &file…"), this))
    , m_windowNow(new QCheckBox(tr("Maintenance window from now for"), this))
    , m_windowHours(new QSpinBox(this))
    , m_params(new QLineEdit(this))
    , m_operator(new QLineEdit(session->operatorName(), this))
    , m_message(new MessageWidget(this))
    , m_preview(new QTreeWidget(this))
    , m_create(new QPushButton(tr("&Create run"), this))
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

    // Bundled runbooks (resources/runbooks), read once for the product and the changes each applies to; the
    // list shows those of the product being planned, files the operator picks below them.
    const QDir bundled(QStringLiteral(":/runbooks"));
    for (const QFileInfo &f : bundled.entryInfoList({QStringLiteral("*.yaml"), QStringLiteral("*.yml")}, QDir::Files)) {
        RunbookChoice choice{f.filePath(), f.completeBaseName(), {}, {}, true};
        if (auto loaded = RunbookLoader::loadFile(f.filePath())) {
            choice.id = loaded->id;
            choice.product = loaded->product;
            choice.appliesTo = loaded->appliesTo;
        }
        m_runbooks << choice;
    }

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

    connect(m_scopeSelected, &QRadioButton::toggled, this, [this] {
        fillRunbooks();
        fillVersions();
    });
    connect(m_product, &QComboBox::currentIndexChanged, this, [this] {
        fillRunbooks();
        fillVersions();
    });
    connect(m_version, &QComboBox::currentIndexChanged, this, [this] {
        pickRunbook();
        recompute();
    });
    connect(m_message, &MessageWidget::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("override")) {
            m_override->setChecked(true);
            m_overrideReason->setFocus();
        } else if (link == QLatin1String("window")) {
            m_windowNow->setChecked(true);
        } else if (link == QLatin1String("browse")) {
            browseRunbook();
        }
    });
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
        // Remembered for the next plan of this runbook, except the values of parameters declared secret.
        QStringList remembered;
        for (const QString &pair : m_params->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString name = pair.section(QLatin1Char('='), 0, 0).trimmed();
            const bool secret = std::any_of(m_plan->runbook.params.cbegin(), m_plan->runbook.params.cend(),
                                            [&name](const ParamSpec &p) { return p.secret && p.name == name; });
            if (!secret)
                remembered << pair.trimmed();
        }
        Settings::instance().set(settings::runbookParams(m_plan->runbook.id), remembered.join(QStringLiteral(", ")));
        emit createRunRequested(*m_plan);
    });
}

QString PlanPage::operatorName() const
{
    return m_operator->text().trimmed();
}

void PlanPage::setFleet(const FleetModel *fleet, const QStringList &selected, const QStringList &shown)
{
    m_fleet.clear();
    m_releases.clear();
    for (const FleetModel::Row &row : fleet->rows()) {
        m_fleet << row.instance;
        if (!m_releases.contains(row.instance.product))
            m_releases.insert(row.instance.product, fleet->releasesOf(row.instance.product));
    }
    // Nothing selected but the fleet filtered: what the filter shows (of one product, the first shown
    // with something pending) is what the operator means.
    m_selected = selected;
    m_fromFilter = false;
    if (selected.isEmpty() && !shown.isEmpty() && shown.size() < m_fleet.size()) {
        QString product;
        for (const Instance &i : std::as_const(m_fleet))
            if (product.isEmpty() && shown.contains(i.name) && !ChannelPolicy::pendingVersion(i, m_releases.value(i.product)).isEmpty())
                product = i.product;
        for (const Instance &i : std::as_const(m_fleet))
            if (shown.contains(i.name) && (product.isEmpty() || i.product == product))
                m_selected << i.name;
        m_fromFilter = !m_selected.isEmpty();
    }
    m_scopeSelected->setText(m_fromFilter ? tr("Instances the fleet filter shows") : tr("Selected instances"));
    m_scopeSelected->setEnabled(!m_selected.isEmpty());
    {
        // Set quietly: the lists are filled once below, not once per signal.
        const QSignalBlocker a(m_scopeSelected), b(m_scopeProduct);
        (m_selected.isEmpty() ? m_scopeProduct : m_scopeSelected)->setChecked(true);
    }
    fillProducts();
    fillRunbooks();
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
    m_rolledBack = m_rollbacks ? m_rollbacks(product) : QHash<QString, QString>();
    for (const Release &release : m_releases.value(product)) {
        const auto version = SemVer::parse(release.version);
        if (!version || (lowest && *version <= *lowest))
            continue;
        // Allowed = what the channel policy (ChannelPolicy, the rule the planner and the CLI apply too)
        // lets every instance do; starting the upgrade is the approval a manual-approval channel asks for.
        // What needs an override becomes selectable once the operator gives one with a reason; what the
        // policy refuses never does.
        QStringList why;
        bool overridable = true;
        for (const Instance &i : instances) {
            const ChannelDecision decision = ChannelPolicy::decide(i, m_releases.value(product), release.version);
            if (decision.plannable())
                continue;
            why << ChannelPolicy::explain(i, decision);
            overridable &= decision.verdict == ChannelDecision::Verdict::NeedsOverride;
        }
        QStringList flags;
        if (release.security)
            flags << tr("security");
        if (release.breaking)
            flags << tr("breaking");
        if (m_rolledBack.contains(release.version))
            flags << tr("rolled back before");
        QString text = release.version;
        if (!flags.isEmpty())
            text += QStringLiteral(" (") + flags.join(QStringLiteral(", ")) + QLatin1Char(')');
        auto *item = new QStandardItem(text);
        item->setData(release.version, VersionRole);
        item->setData(release.breaking || m_rolledBack.contains(release.version), AvoidRole);
        if (m_rolledBack.contains(release.version))
            item->setToolTip(m_rolledBack.value(release.version));
        if (!why.isEmpty()) {
            item->setText(text + QStringLiteral(" — ") + tr("not allowed: %1").arg(why.first())
                          + (why.size() > 1 ? tr(" (+%1 more)").arg(why.size() - 1) : QString()));
            item->setToolTip(why.join(QLatin1Char('\n')));
            item->setData(why.join(QLatin1Char('\n')), Qt::UserRole + 3);
            if (!m_override->isChecked() || !overridable)
                item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
        }
        model->appendRow(item);
    }
    // The operator's previous choice if still allowed; else the newest allowed without a breaking change
    // (or a known rollback); else the newest allowed at all.
    int pick = -1, fallback = -1;
    for (int i = 0; i < m_version->count(); ++i) {
        const bool usable = model->item(i)->isEnabled() && model->item(i)->data(Qt::UserRole + 3).isNull();
        if (model->item(i)->isEnabled() && m_version->itemData(i, VersionRole).toString() == previous)
            pick = i;
        if (usable && fallback < 0)
            fallback = i;
        if (pick < 0 && usable && !model->item(i)->data(AvoidRole).toBool())
            pick = i;
    }
    m_version->setCurrentIndex(pick >= 0 ? pick : fallback);
    pickRunbook();
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
    bool known = false;
    for (const RunbookChoice &c : std::as_const(m_runbooks))
        known |= c.path == path;
    if (!known) {
        RunbookChoice choice{path, QFileInfo(path).completeBaseName(), {}, {}, false};
        if (auto loaded = RunbookLoader::loadFile(path)) {
            choice.id = loaded->id;
            choice.product = loaded->product;
            choice.appliesTo = loaded->appliesTo;
        }
        m_runbooks << choice;
        fillRunbooks();
    }
    const int index = m_runbook->findData(path);
    if (m_runbook->currentIndex() == index)
        recompute();
    else
        m_runbook->setCurrentIndex(index);
}

void PlanPage::fillRunbooks()
{
    // The product's runbooks (and catch-alls), then every file the operator picked: a picked file is
    // always offered, and the page says when it does not fit.
    const QList<Instance> instances = scope();
    const QString product = instances.isEmpty() ? m_product->currentText() : instances.first().product;
    const QString previous = m_runbook->currentData().toString();
    const QSignalBlocker block(m_runbook);
    m_runbook->clear();
    for (const RunbookChoice &c : std::as_const(m_runbooks))
        if (c.bundled && (c.product.isEmpty() || c.product == product))
            m_runbook->addItem(tr("%1 (bundled)").arg(c.id), c.path);
    for (const RunbookChoice &c : std::as_const(m_runbooks))
        if (!c.bundled)
            m_runbook->addItem(QFileInfo(c.path).fileName(), c.path);
    const int kept = m_runbook->findData(previous);
    m_runbook->setCurrentIndex(kept >= 0 ? kept : 0);
}

void PlanPage::pickRunbook()
{
    // Keep the current runbook while it applies to the change; otherwise the first listed that does.
    const ChangeClass change = changeOfScope();
    const QString product = scope().isEmpty() ? m_product->currentText() : scope().first().product;
    auto applies = [&](const QString &path) {
        for (const RunbookChoice &c : std::as_const(m_runbooks))
            if (c.path == path)
                return (c.product.isEmpty() || c.product == product)
                       && (c.appliesTo.isEmpty() || change == ChangeClass::None || c.appliesTo.contains(change));
        return false;
    };
    if (applies(m_runbook->currentData().toString()))
        return;
    for (int i = 0; i < m_runbook->count(); ++i)
        if (applies(m_runbook->itemData(i).toString())) {
            const QSignalBlocker block(m_runbook);
            m_runbook->setCurrentIndex(i);
            return;
        }
}

ChangeClass PlanPage::changeOfScope() const
{
    const auto target = SemVer::parse(m_version->currentData(VersionRole).toString());
    if (!target)
        return ChangeClass::None;
    ChangeClass out = ChangeClass::None;
    for (const Instance &i : scope()) {
        const auto current = SemVer::parse(i.currentVersion);
        if (!current)
            continue;
        const ChangeClass c = current->classify(*target);
        if (c == ChangeClass::Downgrade || out == ChangeClass::Downgrade)
            out = ChangeClass::Downgrade;
        else if (int(c) > int(out))
            out = c;
    }
    return out;
}

QString PlanPage::runbooksFor(const QString &product) const
{
    QStringList names;
    for (const RunbookChoice &c : m_runbooks)
        if (c.bundled && c.product == product) {
            QStringList changes;
            for (ChangeClass k : c.appliesTo)
                changes << changeClassName(k);
            names << (changes.isEmpty() ? c.id : tr("%1 (%2 changes)").arg(c.id, changes.join(QStringLiteral(", "))));
        }
    if (names.isEmpty())
        return tr("No bundled runbook is for %1: choose one with <a href=\"browse\">Runbook file…</a>.").arg(product.toHtmlEscaped());
    return tr("For %1 the console brings %2; choose it in the Runbook list, or another file with "
              "<a href=\"browse\">Runbook file…</a>.")
        .arg(product.toHtmlEscaped(), names.join(QStringLiteral(", ")).toHtmlEscaped());
}

QString PlanPage::whyNoTarget(const QList<Instance> &instances) const
{
    // Per instance: why the newest release above its version is not allowed (only instances that
    // allow nothing at all are named: they are what blocks every version).
    const QString product = instances.isEmpty() ? QString() : instances.first().product;
    const QList<Release> releases = m_releases.value(product);
    QStringList lines;
    for (const Instance &i : instances) {
        const auto current = SemVer::parse(i.currentVersion);
        QString why;
        bool anyAllowed = false;
        for (const Release &r : releases) {
            const auto version = SemVer::parse(r.version);
            if (!version || (current && *version <= *current))
                continue;
            const ChannelDecision d = ChannelPolicy::decide(i, releases, r.version);
            const QString refusal = d.plannable() ? QString() : ChannelPolicy::explain(i, d);
            if (refusal.isEmpty()) {
                anyAllowed = true;
                break;
            }
            if (why.isEmpty())
                why = tr("%1 not allowed: %2").arg(r.version, refusal);
        }
        if (anyAllowed)
            continue;
        // The policy's words already name the instance.
        if (why.isEmpty())
            why = QStringLiteral("%1: %2").arg(i.name, tr("already on the newest release (%1)").arg(i.currentVersion));
        lines << why.toHtmlEscaped();
    }
    if (lines.isEmpty())
        return tr("No version is allowed for all of these instances at once: pick fewer instances.");
    return tr("No target version is allowed because of:<br>%1<br><a href=\"override\">Override the channel policy</a> "
              "with a reason (it goes to the audit log), or plan without these instances.")
        .arg(lines.join(QStringLiteral("<br>")));
}

void PlanPage::recompute()
{
    m_plan.reset();
    m_create->setEnabled(false);
    m_preview->clear();
    const QList<Instance> instances = scope();
    const QString version = m_version->currentData(VersionRole).toString();
    const QString file = m_runbook->currentData().toString();
    const QString product = instances.isEmpty() ? m_product->currentText() : instances.first().product;
    if (instances.isEmpty()) {
        m_message->showMessage(tr("Nothing to upgrade yet."), MessageWidget::Type::Information);
        return;
    }
    if (version.isEmpty()) {
        m_message->showMessage(whyNoTarget(instances), MessageWidget::Type::Warning);
        return;
    }
    if (file.isEmpty()) {
        m_message->showMessage(runbooksFor(product), MessageWidget::Type::Information);
        return;
    }
    auto runbook = RunbookLoader::loadFile(file);
    if (!runbook) {
        m_message->showMessage(runbook.error().toString().toHtmlEscaped(), MessageWidget::Type::Error);
        return;
    }
    // The page checks what the planner would refuse, to say it in its own words with the way out.
    const ChangeClass change = changeOfScope();
    if (!runbook->product.isEmpty() && runbook->product != product) {
        m_message->showMessage(tr("Runbook %1 is for %2, not %3. %4").arg(runbook->id.toHtmlEscaped(), runbook->product.toHtmlEscaped(),
                                                                          product.toHtmlEscaped(), runbooksFor(product)),
                               MessageWidget::Type::Warning);
        return;
    }
    if (!runbook->appliesTo.isEmpty() && change != ChangeClass::None && !runbook->appliesTo.contains(change)) {
        m_message->showMessage(tr("Runbook %1 is not for a %2 change (%3 → %4). %5")
                                   .arg(runbook->id.toHtmlEscaped(), changeClassName(change), instances.first().currentVersion,
                                        version, runbooksFor(product)),
                               MessageWidget::Type::Warning);
        return;
    }
    if (Policy::needsWindow(*runbook) && !m_windowNow->isChecked() && !m_override->isChecked()) {
        m_message->showMessage(tr("Runbook %1 changes things that need a maintenance window: "
                                  "<a href=\"window\">open one from now</a> (Window), or override the policy with a reason.")
                                   .arg(runbook->id.toHtmlEscaped()),
                               MessageWidget::Type::Warning);
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
    request.releases = m_releases.value(product);
    request.timeScale = ConsoleSettings::timeScale();
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
        // The planner's hints name command-line flags; the page's own controls are the way out here.
        const Error &e = plan.error();
        m_message->showMessage(tr("The plan was refused: %1").arg((e.where.isEmpty() ? e.message : QStringLiteral("%1 (%2)").arg(e.message, e.where))
                                                                      .toHtmlEscaped()),
                               MessageWidget::Type::Error);
        return;
    }
    QFile source(file);
    if (source.open(QIODevice::ReadOnly))
        plan->runbookSource = QString::fromUtf8(source.readAll());
    m_plan = *plan;
    showPreview(*plan);
    if (m_rolledBack.contains(version))
        m_message->showMessage(tr("%1 was rolled back before: %2. Check that the cause is fixed before you go again.")
                                   .arg(version, m_rolledBack.value(version).toHtmlEscaped()),
                               MessageWidget::Type::Warning);
    else
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
    if (!p.order.isEmpty())
        add(nullptr, tr("Order"), p.order);
    if (!p.lock.isEmpty())
        add(nullptr, tr("Group lock"), p.lock);
    // The run-level steps (before:/after:) run once per run, around the instances' steps.
    auto addSteps = [&](const QString &heading, const QString &summary, const QList<PlanPreview::StepLine> &lines) {
        auto *parent = add(nullptr, heading, summary);
        for (const auto &s : lines)
            add(parent, s.id,
                s.title + (s.disruptive ? tr("  [disruptive: needs the window]") : QString())
                    + (s.irreversible ? tr("  [cannot be undone: a rollback stops here for a restore by hand]") : QString()),
                upgradetext::duration(s.expected));
    };
    if (!p.before.isEmpty())
        addSteps(tr("Run: before"), tr("%n step(s) once, before the first instance", nullptr, int(p.before.size())), p.before);
    addSteps(tr("Steps"), tr("%1 per instance").arg(p.steps.size()), p.steps);
    if (!p.after.isEmpty())
        addSteps(tr("Run: after"), tr("%n step(s) once, after the last wave", nullptr, int(p.after.size())), p.after);
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
