#include "ui/report/SaveFileDialog.h"

#include <QFileDialog>

namespace lockstep {

bool SaveFileDialog::s_hasNext = false;
QString SaveFileDialog::s_next;

QString SaveFileDialog::getSaveFileName(QWidget *parent, const QString &caption, const QString &suggested, const QString &filter)
{
    if (std::exchange(s_hasNext, false))
        return std::exchange(s_next, QString());
    return QFileDialog::getSaveFileName(parent, caption, suggested, filter);
}

void SaveFileDialog::setNextFileName(const QString &fileName)
{
    s_hasNext = true;
    s_next = fileName;
}

} // namespace lockstep
