#pragma once

#include <QString>
#include <QUrl>

namespace lockstep {

// What instances run: where its releases come from and which runbooks upgrade it.
struct Product
{
    QString id;            // "webwaka-platform"
    QString displayName;
    // Release source: kind "feed" (HTTP JSON), "registry" (/v2/<name>/tags/list) or "file".
    QString releaseSourceKind = QStringLiteral("feed");
    QUrl releaseSource;
};

} // namespace lockstep
