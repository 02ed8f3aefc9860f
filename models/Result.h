#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace lockstep {

// An error is a value: what failed, where (file:line, host, step id) and what to do about it.
struct Error
{
    QString message;   // what failed
    QString where;     // file:line:column, host, step id ... (may be empty)
    QString hint;      // what the operator can do (may be empty)

    QString toString() const
    {
        QString text = where.isEmpty() ? message : where + QStringLiteral(": ") + message;
        if (!hint.isEmpty())
            text += QStringLiteral(" (") + hint + QLatin1Char(')');
        return text;
    }
};

// std::expected is C++23; this is the small subset Lockstep needs.
// [[nodiscard]]: a Result (and a Status) is checked, passed up, or dropped on purpose with
// ignoreStatus()/ignoreResult() (models/IgnoredStatus.h), which log it and say why. The build refuses a
// silently dropped one (-Werror=unused-result).
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

struct Ok {};

// Result<void> equivalent.
using Status = Result<Ok>;
inline Status okStatus() { return Ok{}; }

} // namespace lockstep
