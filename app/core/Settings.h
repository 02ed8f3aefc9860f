#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QVariant>

#include <memory>

class QTemporaryDir;

namespace lockstep {

// A setting's key and its default, so every read and write of it agrees on both.
template<typename T>
struct SettingKey
{
    QString key;
    T defaultValue{};
};

// Typed access to the console's settings. The application opens one file (in its data directory when
// --data-dir is given); tests call createTemporary() so they never read or write the user's settings.
class Settings
{
public:
    ~Settings();
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    static Settings &instance();
    // Settings in `fileName` (INI format); an empty name uses the platform's default location.
    static void open(const QString &fileName = {});
    // A fresh, empty settings file in a temporary directory that lives until the next open().
    static void createTemporary();

    template<typename T>
    T get(const SettingKey<T> &key) const
    {
        const QVariant value = m_settings->value(key.key);
        return value.isValid() && value.canConvert<T>() ? value.value<T>() : key.defaultValue;
    }

    template<typename T>
    void set(const SettingKey<T> &key, const T &value)
    {
        m_settings->setValue(key.key, QVariant::fromValue(value));
    }

    template<typename T>
    void reset(const SettingKey<T> &key)
    {
        m_settings->remove(key.key);
    }

    void sync() { m_settings->sync(); }
    QString fileName() const { return m_settings->fileName(); }

private:
    Settings();

    std::unique_ptr<QTemporaryDir> m_tempDir;
    std::unique_ptr<QSettings> m_settings;
};

// Every setting the console keeps, in one place.
namespace settings {
inline const SettingKey<QByteArray> mainWindowGeometry{QStringLiteral("gui/mainWindowGeometry"), {}};
inline const SettingKey<QByteArray> mainWindowState{QStringLiteral("gui/mainWindowState"), {}};
inline const SettingKey<QByteArray> fleetSplitterState{QStringLiteral("gui/fleetSplitterState"), {}};
inline const SettingKey<QByteArray> fleetHeaderState{QStringLiteral("gui/fleetHeaderState"), {}};
inline const SettingKey<QString> lastInventoryDirectory{QStringLiteral("gui/lastInventoryDirectory"), {}};
inline const SettingKey<QString> databaseUrl{QStringLiteral("store/databaseUrl"), {}};
inline const SettingKey<int> pollIntervalMs{QStringLiteral("discovery/pollIntervalMs"), 5000};
inline const SettingKey<int> logPanelMaxLines{QStringLiteral("gui/logPanelMaxLines"), 10000};
// Seconds the console counts down, cancellable, before an automatic rollback after failed gates.
inline const SettingKey<int> rollbackCountdownSeconds{QStringLiteral("upgrade/rollbackCountdownSeconds"), 30};
// A product's webhook (Slack-compatible JSON POST) for approvals needed and failed gates; empty: none.
inline SettingKey<QString> productWebhook(const QString &product)
{
    return {QStringLiteral("notifications/webhook/") + product, {}};
}
// The engine's peers: the Prometheus PromQL gates ask (empty: none) and the OpenSSH files ssh: steps
// use (empty: ~/.ssh/config and ~/.ssh/known_hosts, as the OpenSSH client does).
inline const SettingKey<QString> prometheusUrl{QStringLiteral("metrics/prometheusUrl"), {}};
inline const SettingKey<QString> sshConfigFile{QStringLiteral("ssh/configFile"), {}};
inline const SettingKey<QString> sshKnownHostsFile{QStringLiteral("ssh/knownHostsFile"), {}};
// The allowed_signers file SSH-signed sign-offs are verified against (one desktop's four eyes).
inline const SettingKey<QString> allowedSignersFile{QStringLiteral("signoff/allowedSignersFile"), {}};
// Where the audit chain's head is anchored (docs/audit.md): a file outside the data directory (empty:
// $XDG_STATE_HOME/lockstep/audit-anchors.jsonl) and the system log's socket (empty: /dev/log; "off": none).
inline const SettingKey<QString> auditWitnessFile{QStringLiteral("audit/witnessFile"), {}};
inline const SettingKey<QString> auditSyslogSocket{QStringLiteral("audit/syslogSocket"), {}};
// The parameters last used with a runbook ("name=value, name=value"), offered again the next time.
inline SettingKey<QString> runbookParams(const QString &runbookId)
{
    return {QStringLiteral("runbooks/%1/params").arg(runbookId), {}};
}
// The demo's time scale for new plans (app/engine/TimeScale): 1 = real timings; run-demo.sh sets 20.
// $LOCKSTEP_TIME_SCALE overrides it.
inline const SettingKey<int> demoTimeScale{QStringLiteral("demo/timeScale"), 1};
} // namespace settings

} // namespace lockstep
