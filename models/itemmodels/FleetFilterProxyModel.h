#pragma once

#include <QList>
#include <QSortFilterProxyModel>
#include <QString>

namespace lockstep {

class FleetModel;

// Filters and sorts the fleet table. The filter text is a list of words that must all match:
// a plain word matches name, product, environment, tags, version, channel or state; `key:value`
// narrows to one field (name, product, env, tag, version, pending, health, channel, state, change);
// a leading '-' negates a word. Versions sort by semantic-version precedence, not as text.
class FleetFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FleetFilterProxyModel(FleetModel *source, QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    // Keys understood in `key:value` words, for completion and help.
    static QStringList filterKeys();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    enum class Field { Any, Name, Product, Environment, Tag, Version, Pending, Health, Channel, State, Change };
    struct Term
    {
        Field field = Field::Any;
        QString value;   // lower case
        bool negate = false;
    };

    bool matches(int sourceRow, const Term &term) const;

    FleetModel *m_fleet;
    QString m_text;
    QList<Term> m_terms;
};

} // namespace lockstep
