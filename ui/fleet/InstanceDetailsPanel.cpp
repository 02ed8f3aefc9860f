#include "ui/fleet/InstanceDetailsPanel.h"

#include "models/itemmodels/FleetModel.h"
#include "models/itemmodels/ReleaseListModel.h"
#include "ui/fleet/BadgeDelegate.h"

#include <QDesktopServices>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace lockstep {

namespace {

QList<BadgeDelegate::Badge> releaseFlagBadges(const QModelIndex &index)
{
    QList<BadgeDelegate::Badge> badges;
    if (index.data(ReleaseListModel::AllowedRole).toBool())
        badges.append({InstanceDetailsPanel::tr("allowed"), Theme::Tone::Good});
    if (index.data(ReleaseListModel::BreakingRole).toBool())
        badges.append({InstanceDetailsPanel::tr("breaking"), Theme::Tone::Warn});
    if (index.data(ReleaseListModel::SecurityRole).toBool())
        badges.append({InstanceDetailsPanel::tr("security"), Theme::Tone::Bad});
    return badges;
}

// The notes column reads as a link: it opens the release notes on Enter or double-click.
class LinkDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Link));
        option->font.setUnderline(true);
    }
};

QString linkTo(const QUrl &url)
{
    if (url.isEmpty())
        return QStringLiteral("—");
    const QString text = url.toString().toHtmlEscaped();
    return QStringLiteral("<a href=\"%1\">%1</a>").arg(text);
}

} // namespace

InstanceDetailsPanel::InstanceDetailsPanel(FleetModel *fleet, QWidget *parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_releases(new ReleaseListModel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_title(new QLabel(this))
    , m_releaseView(new QTableView(this))
{
    setObjectName(QStringLiteral("instanceDetails"));
    m_empty->setObjectName(QStringLiteral("detailsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    auto *page = new QWidget(this);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addField(form, QStringLiteral("Product"), tr("Product:"));
    addField(form, QStringLiteral("Environment"), tr("Environment:"));
    addField(form, QStringLiteral("Version"), tr("Version:"));
    addField(form, QStringLiteral("Pending"), tr("Pending:"));
    addField(form, QStringLiteral("Health"), tr("Health:"));
    addField(form, QStringLiteral("Channel"), tr("Channel:"));
    addField(form, QStringLiteral("State"), tr("State:"));
    addField(form, QStringLiteral("Tags"), tr("Tags:"));
    addField(form, QStringLiteral("BaseUrl"), tr("URL:"));
    addField(form, QStringLiteral("ApiUrl"), tr("API:"));
    addField(form, QStringLiteral("SshTarget"), tr("SSH:"));
    for (const char *key : {"BaseUrl", "ApiUrl"}) {
        QLabel *label = m_fields.value(QString::fromLatin1(key));
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextBrowserInteraction);
        label->setOpenExternalLinks(true);
    }

    auto *releasesTitle = new QLabel(tr("Newer releases"), this);
    releasesTitle->setObjectName(QStringLiteral("detailsReleasesTitle"));
    QFont sectionFont = releasesTitle->font();
    sectionFont.setBold(true);
    releasesTitle->setFont(sectionFont);

    m_releaseView->setObjectName(QStringLiteral("detailsReleases"));
    m_releaseView->setModel(m_releases);
    m_releaseView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_releaseView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_releaseView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_releaseView->verticalHeader()->hide();
    m_releaseView->setShowGrid(false);
    m_releaseView->horizontalHeader()->setStretchLastSection(true);
    m_releaseView->setItemDelegateForColumn(ReleaseListModel::Flags, new BadgeDelegate(&releaseFlagBadges, this));
    m_releaseView->setItemDelegateForColumn(ReleaseListModel::Notes, new LinkDelegate(this));
    const int em = fontMetrics().averageCharWidth();
    m_releaseView->setColumnWidth(ReleaseListModel::Version, 10 * em);
    m_releaseView->setColumnWidth(ReleaseListModel::Flags, 22 * em);
    m_releaseView->setColumnWidth(ReleaseListModel::Published, 14 * em);
    m_releaseView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_releaseView->setToolTip(tr("Double-click or press Enter to open the release notes"));
    connect(m_releaseView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QUrl url = index.data(ReleaseListModel::NotesUrlRole).toUrl();
        if (url.isValid())
            emit notesRequested(url);
    });
    connect(this, &InstanceDetailsPanel::notesRequested, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });

    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(8, 8, 8, 8);
    pageLayout->addWidget(m_title);
    pageLayout->addLayout(form);
    pageLayout->addSpacing(8);
    pageLayout->addWidget(releasesTitle);
    pageLayout->addWidget(m_releaseView, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_fleet, &QAbstractItemModel::dataChanged, this, &InstanceDetailsPanel::onFleetDataChanged);
    connect(m_fleet, &QAbstractItemModel::modelReset, this, &InstanceDetailsPanel::refresh);
    showInstance({}, 0);
}

QLabel *InstanceDetailsPanel::addField(QFormLayout *form, const QString &key, const QString &label)
{
    auto *value = new QLabel(this);
    value->setObjectName(QStringLiteral("details") + key);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(label, value);
    m_fields.insert(key, value);
    return value;
}

void InstanceDetailsPanel::showInstance(const QString &name, int selectedCount)
{
    m_name = name;
    if (name.isEmpty())
        m_empty->setText(selectedCount > 1 ? tr("%1 instances selected").arg(selectedCount)
                                           : tr("Select an instance to see its details."));
    refresh();
}

void InstanceDetailsPanel::onFleetDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    const int row = m_fleet->rowOf(m_name);
    if (row >= topLeft.row() && row <= bottomRight.row())
        refresh();
}

void InstanceDetailsPanel::refresh()
{
    const int row = m_fleet->rowOf(m_name);
    if (row < 0) {
        m_releasesKey.clear();
        m_releases->clear();
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    const FleetModel::Row &r = m_fleet->rowAt(row);
    const Instance &in = r.instance;
    auto display = [&](int column) { return m_fleet->index(row, column).data().toString(); };
    m_title->setText(in.name);
    m_fields[QStringLiteral("Product")]->setText(in.product);
    m_fields[QStringLiteral("Environment")]->setText(in.environment);
    m_fields[QStringLiteral("Version")]->setText(display(FleetModel::Version));
    m_fields[QStringLiteral("Pending")]->setText(
        r.pending.isEmpty() ? tr("up to date") : tr("%1 (%2)").arg(r.pending, changeClassName(r.change)));
    QString health = display(FleetModel::HealthColumn);
    if (!in.lastError.isEmpty())
        health += QStringLiteral(" — ") + in.lastError;
    m_fields[QStringLiteral("Health")]->setText(health);
    m_fields[QStringLiteral("Channel")]->setText(display(FleetModel::Channel));
    m_fields[QStringLiteral("State")]->setText(in.state);
    m_fields[QStringLiteral("Tags")]->setText(in.tags.isEmpty() ? QStringLiteral("—") : in.tags.join(QStringLiteral(", ")));
    m_fields[QStringLiteral("BaseUrl")]->setText(linkTo(in.baseUrl));
    m_fields[QStringLiteral("ApiUrl")]->setText(linkTo(in.apiUrl));
    m_fields[QStringLiteral("SshTarget")]->setText(in.sshTarget.isEmpty() ? QStringLiteral("—") : in.sshTarget);
    // Live health updates arrive several times a second; only rebuild the list (and lose its selection)
    // when what it shows could have changed.
    const QList<Release> releases = m_fleet->releasesOf(in.product);
    const QString key = in.name % QLatin1Char('|') % in.product % QLatin1Char('|') % in.currentVersion
                        % QLatin1Char('|') % r.pending % QLatin1Char('|') % QString::number(releases.size());
    if (key != m_releasesKey) {
        m_releasesKey = key;
        m_releases->setReleases(releases, in.currentVersion, r.pending);
    }
    m_stack->setCurrentIndex(1);
}

} // namespace lockstep
