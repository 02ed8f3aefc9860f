#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace lockstep {

// A version of a product as published by its release source.
struct Release
{
    QString product;
    QString version;   // validated semantic version text
    QUrl notesUrl;
    bool breaking = false;
    bool security = false;
    QDateTime published;
};

} // namespace lockstep

Q_DECLARE_METATYPE(lockstep::Release)
