#pragma once

#include "models/Result.h"

#include <QByteArray>
#include <QString>

namespace lockstep {

// The bytes of an inventory file, for both readers: refused with the reason when the file cannot be
// read or is larger than any real inventory (16 MiB), so a wrong path never fills memory.
class InventorySource
{
public:
    static constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;
    static Result<QByteArray> read(const QString &path);
};

} // namespace lockstep
