#pragma once

#include <QDialog>

class QMenuBar;

namespace lockstep {

// Help > Keyboard shortcuts: every menu action with its shortcut, read from the actions themselves so
// the list cannot drift from what the keys do.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    ShortcutsDialog(const QMenuBar *menus, QWidget *parent);
};

} // namespace lockstep
