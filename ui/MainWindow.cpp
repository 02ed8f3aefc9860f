#include "ui/MainWindow.h"

namespace lockstep {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Lockstep"));
}

} // namespace lockstep
