#include "ui/ssh/HostKeyScanDialog.h"

#include "app/ssh/HostKeyScanner.h"
#include "ui/common/MessageWidget.h"
#include "ui/ssh/OffThread.h"
#include "ui/ssh/SshConsole.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lockstep {

namespace {

QString stateText(const HostKeySurvey::Finding &finding)
{
    if (!finding.key)
        return HostKeyScanDialog::tr("unreachable");
    switch (finding.key->state) {
    case HostKeyInfo::State::Trusted:
        return HostKeyScanDialog::tr("trusted");
    case HostKeyInfo::State::Unknown:
        return HostKeyScanDialog::tr("NOT TRUSTED");
    case HostKeyInfo::State::Changed:
        return HostKeyScanDialog::tr("CHANGED");
    }
    return {};
}

// What to do about the state, or why the host could not be scanned.
QString detailText(const HostKeySurvey::Finding &finding)
{
    if (!finding.key)
        return finding.error ? finding.error->toString() : QString();
    switch (finding.key->state) {
    case HostKeyInfo::State::Trusted:
        return HostKeyScanDialog::tr("in %1").arg(finding.key->knownHostsFile);
    case HostKeyInfo::State::Unknown:
        return HostKeyScanDialog::tr("compare the fingerprint with the host's owner, then tick it to trust it");
    case HostKeyInfo::State::Changed:
        return HostKeyScanDialog::tr("%1 holds another key: possible attack. Check the host out of band; if expected, "
                                     "ssh-keygen -R '%2' -f %1, then scan again")
            .arg(finding.key->knownHostsFile, finding.key->knownHostsName());
    }
    return {};
}

QColor stateColor(const HostKeySurvey::Finding &finding)
{
    if (!finding.key)
        return QColor(0x99, 0x55, 0x00);
    switch (finding.key->state) {
    case HostKeyInfo::State::Trusted:
        return QColor(0x1e, 0x7b, 0x34);
    case HostKeyInfo::State::Unknown:
        return QColor(0x99, 0x55, 0x00);
    case HostKeyInfo::State::Changed:
        return QColor(0xc0, 0x1c, 0x28);
    }
    return {};
}

} // namespace

HostKeyScanDialog::HostKeyScanDialog(SshConsole *console, const QList<HostKeySurvey::Host> &hosts, QWidget *parent)
    : QDialog(parent)
    , m_console(console)
    , m_hosts(hosts)
    , m_findings(hosts.size())
    , m_message(new MessageWidget(this))
    , m_table(new QTableWidget(int(hosts.size()), ColumnCount, this))
{
    setObjectName(QStringLiteral("hostKeyScanDialog"));
    setWindowTitle(tr("SSH host keys of the fleet"));
    m_message->setObjectName(QStringLiteral("hostKeyScanMessage"));
    m_table->setObjectName(QStringLiteral("hostKeyScanTable"));
    m_table->setHorizontalHeaderLabels({tr("Instance"), tr("Target"), tr("State"), tr("Key type"), tr("Fingerprint"), tr("Details")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < hosts.size(); ++row) {
        auto *name = new QTableWidgetItem(hosts.at(row).instance);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_table->setItem(row, InstanceColumn, name);
        m_table->setItem(row, TargetColumn, new QTableWidgetItem(hosts.at(row).target));
        m_table->setItem(row, StateColumn, new QTableWidgetItem(tr("not scanned")));
        m_table->setItem(row, KeyTypeColumn, new QTableWidgetItem);
        auto *fingerprint = new QTableWidgetItem;
        fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_table->setItem(row, FingerprintColumn, fingerprint);
        m_table->setItem(row, DetailColumn, new QTableWidgetItem);
    }
    m_table->resizeColumnsToContents();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("hostKeyScanButtons"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("hostKeyScanClose"));
    m_rescan = buttons->addButton(tr("Scan &again"), QDialogButtonBox::ActionRole);
    m_rescan->setObjectName(QStringLiteral("hostKeyScanAgain"));
    m_trust = buttons->addButton(tr("&Trust selected"), QDialogButtonBox::ActionRole);
    m_trust->setObjectName(QStringLiteral("hostKeyScanTrust"));
    m_trust->setToolTip(tr("Add the ticked keys, exactly as shown, to known_hosts and record each in the audit log"));
    connect(m_rescan, &QPushButton::clicked, this, &HostKeyScanDialog::scan);
    connect(m_trust, &QPushButton::clicked, this, &HostKeyScanDialog::trustSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemChanged, this, &HostKeyScanDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(1100, 420);
    updateButtons();
}

void HostKeyScanDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void HostKeyScanDialog::updateButtons()
{
    bool anyTicked = false;
    for (int row = 0; row < m_table->rowCount(); ++row)
        anyTicked = anyTicked || m_table->item(row, InstanceColumn)->checkState() == Qt::Checked;
    m_rescan->setEnabled(!m_busy);
    m_trust->setEnabled(!m_busy && anyTicked && m_console && m_console->canAudit());
}

void HostKeyScanDialog::scan()
{
    if (m_busy)
        return;
    setBusy(true);
    const QSignalBlocker blocker(m_table);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *name = m_table->item(row, InstanceColumn);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        name->setData(Qt::CheckStateRole, QVariant());
        m_table->item(row, StateColumn)->setText(tr("scanning…"));
        m_table->item(row, StateColumn)->setForeground(QBrush());
    }
    m_message->showMessage(tr("Scanning %n host(s)…", nullptr, int(m_hosts.size())), MessageWidget::Type::Information);
    QPointer<HostKeyScanDialog> self(this);
    const QList<HostKeySurvey::Host> hosts = m_hosts;
    // Each host's row fills in as soon as it answers; a host that does not answer holds only its own row.
    runOffThread(this, [self, hosts] {
        return HostKeySurvey::scan(hosts, 8, [self](int index, const HostKeySurvey::Finding &finding) {
            if (QCoreApplication *app = QCoreApplication::instance())
                QMetaObject::invokeMethod(app, [self, index, finding] {
                    if (self)
                        self->showFinding(index, finding);
                }, Qt::QueuedConnection);
        });
    }, [this](const QList<HostKeySurvey::Finding> &findings) {
        for (int row = 0; row < findings.size(); ++row)
            showFinding(row, findings.at(row));
        onScanned();
    });
}

void HostKeyScanDialog::showFinding(int row, const HostKeySurvey::Finding &finding)
{
    if (row < 0 || row >= m_table->rowCount())
        return;
    const QSignalBlocker blocker(m_table);
    m_findings[row] = finding;
    QTableWidgetItem *state = m_table->item(row, StateColumn);
    state->setText(stateText(finding));
    state->setForeground(stateColor(finding));
    m_table->item(row, DetailColumn)->setText(detailText(finding));
    m_table->item(row, DetailColumn)->setToolTip(detailText(finding));
    m_table->item(row, KeyTypeColumn)->setText(finding.key ? finding.key->keyType : QString());
    m_table->item(row, FingerprintColumn)->setText(finding.key ? finding.key->fingerprint : QString());
    QTableWidgetItem *name = m_table->item(row, InstanceColumn);
    const bool trustable = finding.key && finding.key->state == HostKeyInfo::State::Unknown;
    if (trustable) {
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        if (!name->data(Qt::CheckStateRole).isValid())
            name->setCheckState(Qt::Unchecked);
    } else {
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        name->setData(Qt::CheckStateRole, QVariant());
    }
}

void HostKeyScanDialog::onScanned()
{
    int trusted = 0, unknown = 0, changed = 0, unreachable = 0;
    for (const HostKeySurvey::Finding &finding : std::as_const(m_findings)) {
        if (!finding.key)
            ++unreachable;
        else if (finding.key->state == HostKeyInfo::State::Trusted)
            ++trusted;
        else if (finding.key->state == HostKeyInfo::State::Unknown)
            ++unknown;
        else
            ++changed;
    }
    const QString summary = tr("%1 trusted, %2 not trusted, %3 changed, %4 unreachable.")
                                .arg(trusted).arg(unknown).arg(changed).arg(unreachable);
    if (changed > 0)
        m_message->showMessage(summary + QLatin1Char(' ')
                                   + tr("A CHANGED key may mean an attack: check those hosts before the window."),
                               MessageWidget::Type::Error);
    else if (unknown > 0 || unreachable > 0)
        m_message->showMessage(summary + QLatin1Char(' ')
                                   + tr("Compare the fingerprints with the hosts' owners, tick the ones to trust."),
                               MessageWidget::Type::Warning);
    else
        m_message->showMessage(summary, MessageWidget::Type::Positive);
    for (int column = InstanceColumn; column < DetailColumn; ++column)
        m_table->resizeColumnToContents(column);
    setBusy(false);
    emit scanned();
}

void HostKeyScanDialog::selectAllUnknown()
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *name = m_table->item(row, InstanceColumn);
        if (name->flags().testFlag(Qt::ItemIsUserCheckable))
            name->setCheckState(Qt::Checked);
    }
}

void HostKeyScanDialog::trustSelected()
{
    if (m_busy)
        return;
    QList<int> rows;
    QList<HostKeySurvey::Finding> selected;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, InstanceColumn)->checkState() == Qt::Checked && m_findings.at(row).key
            && m_findings.at(row).key->state == HostKeyInfo::State::Unknown) {
            rows << row;
            selected << m_findings.at(row);
        }
    }
    if (rows.isEmpty())
        return;
    if (!m_console || !m_console->canAudit()) {
        m_message->showMessage(tr("Trusting a key is recorded in the audit log, and no store is open."),
                               MessageWidget::Type::Error);
        return;
    }
    setBusy(true);
    m_message->showMessage(tr("Trusting %n key(s)…", nullptr, int(rows.size())), MessageWidget::Type::Information);
    runOffThread(this, [selected] {
        QList<Result<HostKeyInfo>> results;
        for (const HostKeySurvey::Finding &finding : selected)
            results << HostKeyScanner(finding.host.options).trust(finding.host.target, finding.key->fingerprint);
        return results;
    }, [this, rows](const QList<Result<HostKeyInfo>> &results) { onTrusted(rows, results); });
}

void HostKeyScanDialog::onTrusted(const QList<int> &rows, const QList<Result<HostKeyInfo>> &results)
{
    QStringList problems;
    int added = 0;
    for (int i = 0; i < rows.size(); ++i) {
        const int row = rows.at(i);
        HostKeySurvey::Finding finding = m_findings.at(row);
        const Result<HostKeyInfo> &result = results.at(i);
        if (!result) {
            problems << tr("%1: %2").arg(finding.host.instance, result.error().toString());
            continue;
        }
        finding.key = *result;
        showFinding(row, finding);
        if (const Status recorded = m_console->recordTrust(*result, finding.host.instance); !recorded) {
            problems << tr("%1: added to %2, but the audit record failed: %3")
                            .arg(finding.host.instance, result->knownHostsFile, recorded.error().toString());
            continue;
        }
        ++added;
        emit m_console->hostKeyTrusted(*result, finding.host.instance);
    }
    if (problems.isEmpty())
        m_message->showMessage(tr("Trusted %n key(s); each is in the audit log.", nullptr, added), MessageWidget::Type::Positive);
    else
        m_message->showMessage(tr("Trusted %1 key(s). Not trusted: %2").arg(added).arg(problems.join(QStringLiteral("; "))),
                               MessageWidget::Type::Error);
    setBusy(false);
    emit trustFinished();
}

} // namespace lockstep
