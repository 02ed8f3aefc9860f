#include "ui/common/FileDialog.h"

#include <QFileDialog>

namespace lockstep {

bool FileDialog::s_hasNext = false;
QString FileDialog::s_next;

QString FileDialog::getOpenFileName(QWidget *parent, const QString &caption, const QString &directory,
                                    const QString &filter)
{
    if (s_hasNext) {
        s_hasNext = false;
        return std::exchange(s_next, QString());
    }
    return QFileDialog::getOpenFileName(parent, caption, directory, filter);
}

void FileDialog::setNextFileName(const QString &fileName)
{
    s_hasNext = true;
    s_next = fileName;
}

} // namespace lockstep
