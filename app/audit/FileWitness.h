#pragma once

#include "app/audit/AuditWitness.h"

namespace lockstep {

// Chain heads appended to a file outside the data directory, one JSON object per line
// (docs/audit.md). Each anchor is one write(2) on a descriptor opened with O_APPEND and is fsync'ed
// before write() returns, so a crash never leaves half an anchor and earlier lines are never rewritten.
// The file may be made append-only for its owner too (`chattr +a`, as root).
class FileWitness final : public AuditWitness
{
public:
    explicit FileWitness(QString path) : m_path(std::move(path)) {}

    QString name() const override { return QStringLiteral("file ") + m_path; }
    Result<AuditAnchor> write(const AuditAnchor &anchor) override;
    bool readable() const override { return true; }
    Result<QList<AuditAnchor>> anchors(const QString &store, const QString &first) const override;

    QString path() const { return m_path; }
    // $XDG_STATE_HOME/lockstep/audit-anchors.jsonl (default ~/.local/state/...): the user's state
    // directory, which is not where the store lives (the data directory).
    static QString defaultPath();

private:
    QString m_path;
};

} // namespace lockstep
