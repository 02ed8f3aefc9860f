#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lockstep"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCKSTEP_VERSION));
    QTextStream(stderr) << "usage: lockstep-cli <lint|plan|run|runs|status|audit|hosts> ...\n";
    return 2;
}
