#include "ui/inventory/InstanceDialog.h"

#include "models/SemVer.h"
#include "models/UpdateChannel.h"
#include "ui/common/MessageWidget.h"
#include "ui/ssh/SshSettingsGroup.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace lockstep {

namespace {

QComboBox *editableCombo(const QString &objectName, const QStringList &items, const QString &current, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItems(items);
    combo->setCurrentText(current);
    return combo;
}

QLineEdit *lineEdit(const QString &objectName, const QString &text, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(text, parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && !url.host().isEmpty();
}

} // namespace

InstanceDialog::InstanceDialog(const Instance &instance, const QStringList &existingNames, const QStringList &products,
                               Saver saver, QWidget *parent)
    : QDialog(parent)
    , m_original(instance)
    , m_previousName(instance.name)
    , m_existingNames(existingNames)
    , m_saver(std::move(saver))
    , m_message(new MessageWidget(this))
{
    setObjectName(QStringLiteral("instanceDialog"));
    setWindowTitle(isNew() ? tr("Add instance") : tr("Edit %1").arg(instance.name));
    m_existingNames.removeAll(m_previousName);
    m_message->setObjectName(QStringLiteral("instanceDialogMessage"));

    m_name = lineEdit(QStringLiteral("instanceName"), instance.name, tr("e.g. graph-api-prod-eu-1"), this);
    m_product = editableCombo(QStringLiteral("instanceProduct"), products, instance.product, this);
    m_environment = editableCombo(QStringLiteral("instanceEnvironment"),
                                  {QStringLiteral("prod"), QStringLiteral("staging"), QStringLiteral("dev")},
                                  instance.environment.isEmpty() ? QStringLiteral("prod") : instance.environment, this);
    m_tags = lineEdit(QStringLiteral("instanceTags"), instance.tags.join(QStringLiteral(", ")),
                      tr("comma separated, e.g. eu, canary"), this);
    m_version = lineEdit(QStringLiteral("instanceVersion"), instance.currentVersion,
                         tr("filled in by health polling; e.g. 1.4.2"), this);
    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("instanceChannel"));
    for (UpdateChannel channel : {UpdateChannel::AutoUpdate, UpdateChannel::ManualApproval, UpdateChannel::Frozen})
        m_channel->addItem(updateChannelName(channel), int(channel));
    m_channel->setCurrentIndex(m_channel->findData(int(instance.channel)));
    m_pinned = lineEdit(QStringLiteral("instancePinned"), instance.pinnedVersion, tr("version a frozen instance stays on"),
                        this);
    m_baseUrl = lineEdit(QStringLiteral("instanceBaseUrl"), instance.baseUrl.toString(),
                         tr("http://host:port (serves /health and /version)"), this);
    m_apiUrl = lineEdit(QStringLiteral("instanceApiUrl"), instance.apiUrl.toString(), tr("optional control-plane API"),
                        this);
    m_ssh = new SshSettingsGroup(this);
    m_ssh->setTarget(instance.sshTarget);
    m_ssh->setSettings(instance.ssh);
    m_state = editableCombo(QStringLiteral("instanceState"),
                            {QStringLiteral("active"), QStringLiteral("maintenance"), QStringLiteral("retired")},
                            instance.state.isEmpty() ? QStringLiteral("active") : instance.state, this);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Product:"), m_product);
    form->addRow(tr("&Environment:"), m_environment);
    form->addRow(tr("&Tags:"), m_tags);
    form->addRow(tr("&Version:"), m_version);
    form->addRow(tr("&Channel:"), m_channel);
    form->addRow(tr("P&inned version:"), m_pinned);
    form->addRow(tr("&URL:"), m_baseUrl);
    form->addRow(tr("API UR&L:"), m_apiUrl);
    form->addRow(tr("St&ate:"), m_state);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("instanceDialogButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("instanceDialogOk"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(isNew() ? tr("Add") : tr("Save"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &InstanceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &InstanceDialog::reject);
    connect(m_channel, &QComboBox::currentIndexChanged, this, &InstanceDialog::updatePinnedEnabled);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_ssh);
    layout->addWidget(m_buttons);
    updatePinnedEnabled();
    resize(520, sizeHint().height());
}

void InstanceDialog::updatePinnedEnabled()
{
    m_pinned->setEnabled(UpdateChannel(m_channel->currentData().toInt()) == UpdateChannel::Frozen);
}

Instance InstanceDialog::instance() const
{
    Instance in = m_original;
    in.name = m_name->text().trimmed();
    in.product = m_product->currentText().trimmed();
    in.environment = m_environment->currentText().trimmed();
    in.tags.clear();
    for (const QString &tag : m_tags->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty())
            in.tags << tag.trimmed();
    }
    in.currentVersion = m_version->text().trimmed();
    in.channel = UpdateChannel(m_channel->currentData().toInt());
    in.pinnedVersion = in.channel == UpdateChannel::Frozen ? m_pinned->text().trimmed() : QString();
    in.baseUrl = QUrl(m_baseUrl->text().trimmed());
    in.apiUrl = QUrl(m_apiUrl->text().trimmed());
    in.sshTarget = m_ssh->target();
    in.ssh = m_ssh->settings();
    in.state = m_state->currentText().trimmed();
    return in;
}

QStringList InstanceDialog::validate() const
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    QStringList problems;
    const Instance in = instance();
    if (in.name.isEmpty())
        problems << tr("Name is required.");
    else if (!namePattern.match(in.name).hasMatch())
        problems << tr("Name \"%1\" may only contain letters, digits, '.', '_' and '-'.").arg(in.name);
    else if (m_existingNames.contains(in.name))
        problems << tr("An instance called \"%1\" already exists.").arg(in.name);
    if (in.product.isEmpty())
        problems << tr("Product is required.");
    if (!in.currentVersion.isEmpty() && !SemVer::isValid(in.currentVersion))
        problems << tr("Version \"%1\" is not a semantic version (e.g. 1.4.2).").arg(in.currentVersion);
    if (in.channel == UpdateChannel::Frozen && !in.pinnedVersion.isEmpty() && !SemVer::isValid(in.pinnedVersion))
        problems << tr("Pinned version \"%1\" is not a semantic version.").arg(in.pinnedVersion);
    if (m_baseUrl->text().trimmed().isEmpty())
        problems << tr("URL is required: health and version are polled from it.");
    else if (!isHttpUrl(m_baseUrl->text().trimmed()))
        problems << tr("URL \"%1\" is not an http:// or https:// address.").arg(m_baseUrl->text().trimmed());
    if (!m_apiUrl->text().trimmed().isEmpty() && !isHttpUrl(m_apiUrl->text().trimmed()))
        problems << tr("API URL \"%1\" is not an http:// or https:// address.").arg(m_apiUrl->text().trimmed());
    problems << m_ssh->validate();
    return problems;
}

void InstanceDialog::accept()
{
    const QStringList problems = validate();
    if (!problems.isEmpty()) {
        m_message->showMessage(problems.join(QLatin1Char('\n')), MessageWidget::Type::Error);
        return;
    }
    const Instance in = instance();
    if (m_saver) {
        const Status status = m_saver(in, m_previousName);
        if (!status) {
            m_message->showMessage(tr("Could not save: %1").arg(status.error().toString()), MessageWidget::Type::Error);
            return;
        }
    }
    m_message->hideMessage();
    emit saved(in, m_previousName);
    QDialog::accept();
}

} // namespace lockstep
