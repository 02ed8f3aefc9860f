#pragma once

#include "models/Result.h"

#include <QString>
#include <QUrl>

namespace lockstep {

// Checks for every value an inventory can carry. Inventory values end up in URLs, shell commands and
// ssh invocations, so anything outside a narrow shape is refused with a message that says what is allowed.
// Errors carry no `where`; the readers add file:line.
class InventoryValidator
{
public:
    // Instance names, product ids, environments: letters, digits, '.', '_', '-'; starts with a letter or digit.
    static Status checkName(const QString &what, const QString &value);
    // Tags (Ansible group names included): like names, plus ':'; never a comma.
    static Status checkTag(const QString &value);
    // http or https, a host, no credentials, no whitespace; empty is allowed when `optional`.
    static Result<QUrl> checkHttpUrl(const QString &what, const QString &value, bool optional = true);
    // A release source of kind feed/registry (http URL) or file (a path or file:// URL).
    static Result<QUrl> checkReleaseSource(const QString &kind, const QString &value);
    // "user@host:port", "host", "host:port", "[v6]:port" or an ssh_config Host alias.
    static Status checkSshTarget(const QString &value);
    // A file path for an SSH setting (identity, known_hosts, ssh_config): printable, no leading '-'.
    static Status checkSshFile(const QString &what, const QString &value);
    // A semantic version or empty.
    static Status checkVersion(const QString &what, const QString &value);
    static Status checkMetricsSource(const QString &value);
    // An instance variable ({{instance.vars.NAME}}): the name as Ansible names variables
    // ([A-Za-z_][A-Za-z0-9_]*, at most 64), the value one printable line of at most 1024 characters.
    // Values are escaped where templates land, so they need no narrower shape.
    static Status checkVariable(const QString &name, const QString &value);
};

} // namespace lockstep
