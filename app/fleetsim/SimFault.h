#pragma once

#include <QString>

#include <optional>

namespace lockstep {

// A fault injected into one instance's own endpoints (/i/NAME/...).
struct SimFault
{
    enum class Kind {
        None,
        Down,       // the connection is closed without a response
        Slow,       // the response is sent after delayMs (a timer; the event loop keeps serving)
        Error500,   // every endpoint answers 500
    };
    Kind kind = Kind::None;
    int delayMs = 0;

    static constexpr int kDefaultSlowMs = 5000;

    static std::optional<Kind> parseKind(const QString &name)
    {
        if (name == QLatin1String("none"))
            return Kind::None;
        if (name == QLatin1String("down"))
            return Kind::Down;
        if (name == QLatin1String("slow"))
            return Kind::Slow;
        if (name == QLatin1String("error500"))
            return Kind::Error500;
        return std::nullopt;
    }

    static QString kindName(Kind kind)
    {
        switch (kind) {
        case Kind::None: return QStringLiteral("none");
        case Kind::Down: return QStringLiteral("down");
        case Kind::Slow: return QStringLiteral("slow");
        case Kind::Error500: return QStringLiteral("error500");
        }
        return {};
    }
};

} // namespace lockstep
