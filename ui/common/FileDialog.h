#pragma once

#include <QString>

class QWidget;

namespace lockstep {

// The one way the console asks for a file name (KeePassXC FileDialog style): a test answers the next
// question in advance with setNextFileName and no native dialog ever opens.
class FileDialog
{
public:
    static QString getOpenFileName(QWidget *parent, const QString &caption, const QString &directory,
                                   const QString &filter);
    // The answer to the next getOpenFileName; an empty name answers "cancelled".
    static void setNextFileName(const QString &fileName);

private:
    static bool s_hasNext;
    static QString s_next;
};

} // namespace lockstep
