#include "models/UpdateChannel.h"

namespace lockstep {

QString updateChannelName(UpdateChannel channel)
{
    switch (channel) {
    case UpdateChannel::AutoUpdate: return QStringLiteral("auto-update");
    case UpdateChannel::ManualApproval: return QStringLiteral("manual-approval");
    case UpdateChannel::Frozen: return QStringLiteral("frozen");
    }
    return {};
}

std::optional<UpdateChannel> parseUpdateChannel(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("auto-update") || n == QLatin1String("auto"))
        return UpdateChannel::AutoUpdate;
    if (n == QLatin1String("manual-approval") || n == QLatin1String("manual"))
        return UpdateChannel::ManualApproval;
    if (n == QLatin1String("frozen"))
        return UpdateChannel::Frozen;
    return std::nullopt;
}

} // namespace lockstep
