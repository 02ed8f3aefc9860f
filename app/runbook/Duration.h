#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace lockstep {

// Durations as runbooks write them: "500ms", "30s", "10m", "2h", or a sum such as "1h30m".
class Duration
{
public:
    // Longest duration a runbook may ask for; anything longer is a typo ("30h" for "30s"?).
    static constexpr std::chrono::milliseconds kMax = std::chrono::hours(7 * 24);

    static std::optional<std::chrono::milliseconds> parse(const QString &text);
    // The shortest exact spelling parse() reads back, e.g. "1h30m", "500ms", "0s".
    static QString format(std::chrono::milliseconds duration);
};

} // namespace lockstep
