#include "ui/MainWindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Lockstep"));
    QApplication::setApplicationName(QStringLiteral("lockstep"));
    QApplication::setApplicationVersion(QStringLiteral(LOCKSTEP_VERSION));
    lockstep::MainWindow window;
    window.show();
    return app.exec();
}
