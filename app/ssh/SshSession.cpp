#include "app/ssh/SshSession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <cstring>

namespace lockstep {

namespace {

QString getOption(ssh_session session, ssh_options_e option)
{
    char *value = nullptr;
    if (ssh_options_get(session, option, &value) != SSH_OK || !value)
        return {};
    const QString text = QString::fromLocal8Bit(value);
    ssh_string_free_char(value);
    return text;
}

QString shellQuote(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1String("'"), QLatin1String("'\\''")) + QLatin1Char('\'');
}

} // namespace

SshSession::SshSession(SshTarget target, SshOptions options)
    : m_target(std::move(target))
    , m_options(std::move(options))
    , m_session(ssh_new())
    , m_callbacks(std::make_unique<ssh_callbacks_struct>())
{
    std::memset(m_callbacks.get(), 0, sizeof(ssh_callbacks_struct));
    m_callbacks->userdata = this;
    m_callbacks->auth_function = &SshSession::passphraseCallback;
    ssh_callbacks_init(m_callbacks.get());
    if (m_session)
        ssh_set_callbacks(m_session, m_callbacks.get());
}

SshSession::~SshSession()
{
    if (!m_session)
        return;
    if (ssh_is_connected(m_session))
        ssh_disconnect(m_session);
    ssh_free(m_session);
}

QString SshSession::lastError() const
{
    return m_session ? QString::fromLocal8Bit(ssh_get_error(m_session)) : QStringLiteral("out of memory");
}

QString SshSession::endpoint() const
{
    if (!m_session)
        return m_target.toString();
    SshTarget resolved;
    resolved.user = getOption(m_session, SSH_OPTIONS_USER);
    resolved.host = getOption(m_session, SSH_OPTIONS_HOST);
    unsigned int port = 22;
    ssh_options_get_port(m_session, &port);
    resolved.port = quint16(port);
    if (resolved.host.isEmpty())
        resolved.host = m_target.host;
    return resolved.toString();
}

QString SshSession::knownHostsFile() const
{
    return m_session ? getOption(m_session, SSH_OPTIONS_KNOWNHOSTS) : QString();
}

Error SshSession::error(const QString &message, const QString &hint) const
{
    return Error{message, m_target.toString(), hint};
}

Status SshSession::configure()
{
    if (!m_session)
        return error(QStringLiteral("cannot create an SSH session (out of memory)"));
    const auto set = [this](ssh_options_e option, const void *value) {
        return ssh_options_set(m_session, option, value) == SSH_OK;
    };
    const QByteArray host = m_target.host.toUtf8();
    if (!set(SSH_OPTIONS_HOST, host.constData()))
        return error(QStringLiteral("invalid host '%1': %2").arg(m_target.host, lastError()));

    // ssh_connect would read the default files itself; reading them here, once, lets the target's
    // explicit user/port and the options' files take precedence like ssh's command line does.
    const bool no = false;
    set(SSH_OPTIONS_PROCESS_CONFIG, &no);
    if (m_options.readConfig) {
        const QByteArray file = QFile::encodeName(m_options.configFile);
        if (!m_options.configFile.isEmpty() && !QFile::exists(m_options.configFile))
            return error(QStringLiteral("ssh_config file %1 does not exist").arg(m_options.configFile),
                         QStringLiteral("fix the SSH config file setting, or turn config reading off"));
        if (ssh_options_parse_config(m_session, file.isEmpty() ? nullptr : file.constData()) != SSH_OK)
            return error(QStringLiteral("cannot read ssh_config %1: %2")
                             .arg(m_options.configFile.isEmpty() ? QStringLiteral("~/.ssh/config") : m_options.configFile,
                                  lastError()),
                         QStringLiteral("fix the file or turn config reading off"));
    }

    if (!m_target.user.isEmpty()) {
        const QByteArray user = m_target.user.toUtf8();
        set(SSH_OPTIONS_USER, user.constData());
    }
    if (m_target.port != 0) {
        const unsigned int port = m_target.port;
        set(SSH_OPTIONS_PORT, &port);
    }
    if (!m_options.knownHostsFile.isEmpty()) {
        const QByteArray file = QFile::encodeName(m_options.knownHostsFile);
        set(SSH_OPTIONS_KNOWNHOSTS, file.constData());
    }
    if (!m_options.globalKnownHostsFile.isEmpty()) {
        const QByteArray file = QFile::encodeName(m_options.globalKnownHostsFile);
        set(SSH_OPTIONS_GLOBAL_KNOWNHOSTS, file.constData());
    }
    for (const QString &identity : m_options.identityFiles) {
        const QByteArray file = QFile::encodeName(identity);
        set(SSH_OPTIONS_ADD_IDENTITY, file.constData());
    }
    if (!m_options.agentSocket.isEmpty()) {
        const QByteArray socket = QFile::encodeName(m_options.agentSocket);
        set(SSH_OPTIONS_IDENTITY_AGENT, socket.constData());
    }
    // Nagle delays the small packets of a command exchange by tens of milliseconds.
    const int yes = 1;
    set(SSH_OPTIONS_NODELAY, &yes);
    const long ms = long(m_options.connectTimeout.count());
    const long seconds = ms / 1000;
    const long usec = (ms % 1000) * 1000;
    set(SSH_OPTIONS_TIMEOUT, &seconds);
    set(SSH_OPTIONS_TIMEOUT_USEC, &usec);
    return okStatus();
}

Status SshSession::connect()
{
    m_handshakeReset = false;
    if (ssh_connect(m_session) != SSH_OK) {
        // libssh 0.10 words a server that hung up during the banner or key exchange as "Socket error:
        // disconnected", "Connection reset by peer" or "Remote host closed connection"; a refused
        // or unreachable host, a timeout and a failed key exchange read differently.
        const QString why = lastError();
        m_handshakeReset = why.contains(QLatin1String("disconnected"), Qt::CaseInsensitive)
            || why.contains(QLatin1String("reset by peer"), Qt::CaseInsensitive)
            || why.contains(QLatin1String("closed connection"), Qt::CaseInsensitive)
            || why.contains(QLatin1String("connection closed"), Qt::CaseInsensitive)
            || why.contains(QLatin1String("Broken pipe"), Qt::CaseInsensitive);
        return error(QStringLiteral("cannot connect to %1: %2").arg(endpoint(), lastError()),
                     QStringLiteral("check that the host is up, sshd listens on that port and the address "
                                    "resolves (ssh_config HostName/Port)"));
    }
    return okStatus();
}

Result<HostKeyInfo> SshSession::hostKey()
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(m_session, &key) != SSH_OK || !key)
        return error(QStringLiteral("the server at %1 sent no host key: %2").arg(endpoint(), lastError()));
    HostKeyInfo info;
    info.target = m_target.toString();
    info.host = getOption(m_session, SSH_OPTIONS_HOST);
    unsigned int port = 22;
    ssh_options_get_port(m_session, &port);
    info.port = quint16(port);
    info.keyType = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    unsigned char *hash = nullptr;
    size_t hashLength = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hashLength) == SSH_OK) {
        char *fingerprint = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hashLength);
        if (fingerprint) {
            info.fingerprint = QString::fromLatin1(fingerprint);
            ssh_string_free_char(fingerprint);
        }
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    info.knownHostsFile = knownHostsFile();

    switch (ssh_session_is_known_server(m_session)) {
    case SSH_KNOWN_HOSTS_OK:
        info.state = HostKeyInfo::State::Trusted;
        break;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:     // a key of another type is on record: treated as a change, as libssh advises
        info.state = HostKeyInfo::State::Changed;
        break;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        info.state = HostKeyInfo::State::Unknown;
        break;
    case SSH_KNOWN_HOSTS_ERROR:
        return error(QStringLiteral("cannot check the host key of %1 against %2: %3")
                         .arg(endpoint(), knownHostsFile(), lastError()),
                     QStringLiteral("check that the known_hosts file is readable"));
    }
    m_hostKey = info;
    return info;
}

Status SshSession::verifyHostKey()
{
    const Result<HostKeyInfo> key = hostKey();
    if (!key)
        return key.error();
    const QString target = m_target.toString();
    const QString hostPort = QStringLiteral("%1:%2").arg(key->host, QString::number(key->port));
    switch (key->state) {
    case HostKeyInfo::State::Trusted:
        return okStatus();
    case HostKeyInfo::State::Unknown:
        return error(QStringLiteral("host key for %1 is not trusted (%2 %3)").arg(hostPort, key->keyType, key->fingerprint),
                     QStringLiteral("run `lockstep-cli hosts trust %1` after checking the fingerprint").arg(target));
    case HostKeyInfo::State::Changed:
        return error(QStringLiteral("host key for %1 has CHANGED (the server now presents %2 %3, %4 holds another key): "
                                    "possible man-in-the-middle attack")
                         .arg(hostPort, key->keyType, key->fingerprint, knownHostsFile()),
                     QStringLiteral("check the host's key out of band; if the change is expected, remove the old entry "
                                    "with `ssh-keygen -R %1 -f %2` and run `lockstep-cli hosts trust %3`")
                         .arg(shellQuote(key->knownHostsName()), shellQuote(knownHostsFile()), target));
    }
    return okStatus();
}

void SshSession::authLogCallback(int, const char *, const char *message, void *userdata)
{
    auto *self = static_cast<SshSession *>(userdata);
    const QString text = QString::fromLocal8Bit(message);
    static const QLatin1String keyFile("Successfully authenticated using ");
    static const QLatin1String agentKeyPrefix("Public key of ");
    static const QLatin1String agentKeySuffix(" accepted by server");
    if (const qsizetype at = text.indexOf(keyFile); at >= 0) {
        self->m_loggedKeyFile = text.mid(at + keyFile.size()).trimmed();
    } else if (const qsizetype at = text.indexOf(agentKeyPrefix); at >= 0 && text.endsWith(agentKeySuffix)) {
        const qsizetype from = at + agentKeyPrefix.size();
        self->m_loggedAgentKey = text.mid(from, text.size() - agentKeySuffix.size() - from);
    }
}

Status SshSession::authenticate()
{
    m_authMethod.clear();
    // Asking for "none" first gives the server's method list and is what OpenSSH does.
    int rc = ssh_userauth_none(m_session, nullptr);
    if (rc == SSH_AUTH_SUCCESS) {
        m_authMethod = QStringLiteral("none (the server asked for no authentication)");
        return okStatus();
    }
    if (rc == SSH_AUTH_ERROR)
        return error(QStringLiteral("authentication with %1 failed: %2").arg(endpoint(), lastError()));

    // libssh does not say which key ssh_userauth_publickey_auto used, only its debug log does. The log
    // settings are per thread (this session's worker), so they are borrowed for this call alone.
    m_loggedKeyFile.clear();
    m_loggedAgentKey.clear();
    const int previousLevel = ssh_get_log_level();
    const ssh_logging_callback previousCallback = ssh_get_log_callback();
    void *previousUserdata = ssh_get_log_userdata();
    ssh_set_log_callback(&SshSession::authLogCallback);
    ssh_set_log_userdata(this);
    ssh_set_log_level(SSH_LOG_DEBUG);
    rc = ssh_userauth_publickey_auto(m_session, nullptr, nullptr);
    ssh_set_log_level(previousLevel);
    ssh_set_log_userdata(previousUserdata);
    ssh_set_log_callback(previousCallback);
    if (rc == SSH_AUTH_SUCCESS) {
        // Files are tried after the agent, and only a file success is logged as such.
        if (!m_loggedKeyFile.isEmpty())
            m_authMethod = QStringLiteral("key file %1").arg(m_loggedKeyFile);
        else if (!m_loggedAgentKey.isEmpty())
            m_authMethod = QStringLiteral("ssh-agent (key %1)").arg(m_loggedAgentKey);
        else
            m_authMethod = QStringLiteral("ssh-agent");
        return okStatus();
    }
    if (rc == SSH_AUTH_ERROR)
        return error(QStringLiteral("authentication with %1 failed: %2").arg(endpoint(), lastError()));

    QStringList offered{QStringLiteral("ssh-agent")};
    offered += m_options.identityFiles;
    if (m_options.readConfig)
        offered += QStringLiteral("ssh_config IdentityFile");
    offered += QStringLiteral("~/.ssh/id_*");
    return error(QStringLiteral("authentication as %1 failed: the server accepted none of the keys offered (%2)")
                     .arg(endpoint(), offered.join(QStringLiteral(", "))),
                 QStringLiteral("add your public key to ~/.ssh/authorized_keys of that user on the host, or load "
                                "the right key into ssh-agent (for an encrypted key, set LOCKSTEP_SSH_PASSPHRASE "
                                "or answer the passphrase prompt)"));
}

Status SshSession::open()
{
    if (Status s = configure(); !s)
        return s;
    if (Status s = connect(); !s)
        return s;
    if (Status s = verifyHostKey(); !s)
        return s;
    return authenticate();
}

Status SshSession::addToKnownHosts()
{
    const QString file = knownHostsFile();
    // libssh writes the line but does not create ~/.ssh.
    if (!file.isEmpty())
        QDir().mkpath(QFileInfo(file).absolutePath());
    if (ssh_session_update_known_hosts(m_session) != SSH_OK)
        return error(QStringLiteral("cannot add the host key to %1: %2").arg(file, lastError()),
                     QStringLiteral("check that the file and its directory are writable"));
    return okStatus();
}

int SshSession::passphraseCallback(const char *, char *buf, size_t len, int, int, void *userdata)
{
    auto *self = static_cast<SshSession *>(userdata);
    QString identity;
    char *current = nullptr;
    if (ssh_userauth_publickey_auto_get_current_identity(self->m_session, &current) == SSH_OK && current) {
        identity = QString::fromLocal8Bit(current);
        ssh_string_free_char(current);
    }
    std::optional<QByteArray> passphrase;
    if (self->m_options.passphraseProvider)
        passphrase = self->m_options.passphraseProvider(identity);
    else if (qEnvironmentVariableIsSet("LOCKSTEP_SSH_PASSPHRASE"))
        passphrase = qgetenv("LOCKSTEP_SSH_PASSPHRASE");
    if (!passphrase || size_t(passphrase->size()) + 1 > len) {
        if (passphrase)
            passphrase->fill('\0');
        return -1;
    }
    std::memcpy(buf, passphrase->constData(), size_t(passphrase->size()));
    buf[passphrase->size()] = '\0';
    passphrase->fill('\0');     // the copy libssh asked for is the only one left
    return 0;
}

} // namespace lockstep
