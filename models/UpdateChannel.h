#pragma once

#include <QString>

#include <optional>

namespace lockstep {

// Per-instance update policy (see reference procedure "platform-instance-upgrade").
enum class UpdateChannel { AutoUpdate, ManualApproval, Frozen };

QString updateChannelName(UpdateChannel channel);            // "auto-update", "manual-approval", "frozen"
std::optional<UpdateChannel> parseUpdateChannel(const QString &name);

} // namespace lockstep
