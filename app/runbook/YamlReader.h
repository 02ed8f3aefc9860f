#pragma once

#include "app/runbook/Diagnostic.h"
#include "models/runbook/Runbook.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/node/node.h>

#include <optional>
#include <string>

namespace lockstep {

// Reads typed values out of a yaml-cpp tree and records every problem as a Diagnostic with
// file:line:column and key path instead of throwing. Bounds the work too: every node visited (an alias
// each time it is used) spends from a budget, so no document can make a reader work without end.
class YamlReader
{
public:
    static constexpr int kMaxNodes = 200000;
    static constexpr int kMaxJsonDepth = 32;

    // The keys of one mapping, checked against the keys it may hold: unknown keys are reported with the
    // closest known one suggested, duplicates are refused.
    class Fields
    {
    public:
        Fields(YamlReader &reader, const YAML::Node &map, const QString &path, const QStringList &known);
        bool has(const QString &name) const { return m_keys.contains(name); }
        YAML::Node get(const QString &name) const;
        YAML::Node keyNode(const QString &name) const;   // the key itself (the mapping when absent)
        QString path(const QString &name) const { return child(m_path, name); }
        const QStringList &keys() const { return m_keys; }   // in the order written

    private:
        QString m_path;
        YAML::Node m_map;
        QStringList m_keys;
        QList<YAML::Node> m_keyNodes;
        QList<YAML::Node> m_values;
    };

    explicit YamlReader(QString file);

    const QList<Diagnostic> &diagnostics() const { return m_diagnostics; }
    // Where each key path was written ("steps[3].undo" -> file:line:col), for later checks.
    const QHash<QString, SourceLocation> &locations() const { return m_locations; }

    SourceLocation locationOf(const YAML::Node &node) const;
    void error(const YAML::Node &at, const QString &path, const QString &message);
    void error(const SourceLocation &at, const QString &path, const QString &message);
    bool spend(const YAML::Node &at);
    void remember(const YAML::Node &node, const QString &path);

    bool isMap(const YAML::Node &node, const QString &path, const QString &what);
    bool isSequence(const YAML::Node &node, const QString &path, const QString &what);
    std::optional<QString> string(const YAML::Node &node, const QString &path);
    std::optional<qint64> integer(const YAML::Node &node, const QString &path, qint64 min, qint64 max);
    std::optional<double> number(const YAML::Node &node, const QString &path);
    std::optional<bool> boolean(const YAML::Node &node, const QString &path);
    std::optional<Millis> duration(const YAML::Node &node, const QString &path, bool allowZero = false);
    std::optional<QStringList> stringList(const YAML::Node &node, const QString &path);
    std::optional<QList<int>> intList(const YAML::Node &node, const QString &path, int min, int max);
    std::optional<QString> identifier(const YAML::Node &node, const QString &path);
    std::optional<OnFailure> onFailure(const YAML::Node &node, const QString &path);
    std::optional<QJsonValue> json(const YAML::Node &node, const QString &path, int depth = 0);
    // Reports a regular expression that does not compile (template values stand in as plain text).
    void checkRegex(const YAML::Node &node, const QString &path, const QString &pattern);

    static QString text(const std::string &s);
    static QString child(const QString &path, const QString &key);
    static QString index(const QString &path, qsizetype i);
    static QString describe(const YAML::Node &node);
    static QString closest(const QString &word, const QStringList &candidates);
    static bool isPlain(const YAML::Node &node);   // not quoted: `200` is a number, `"200"` a string

protected:
    QString m_file;

private:
    QList<Diagnostic> m_diagnostics;
    QHash<QString, SourceLocation> m_locations;
    int m_budget = kMaxNodes;
    bool m_budgetReported = false;
};

} // namespace lockstep
