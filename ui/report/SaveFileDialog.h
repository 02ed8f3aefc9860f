#pragma once

#include <QString>

class QWidget;

namespace lockstep {

// Asks where to save (ui/common/FileDialog only opens): a test answers the next question in advance.
class SaveFileDialog
{
public:
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &suggested, const QString &filter);
    // The answer to the next getSaveFileName; an empty name answers "cancelled".
    static void setNextFileName(const QString &fileName);

private:
    static bool s_hasNext;
    static QString s_next;
};

} // namespace lockstep
