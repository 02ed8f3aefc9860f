#pragma once

#include <QDateTime>

namespace lockstep {

// A seam for time: the engine, policy and gates ask the clock, so tests can move it.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;

    // The process-wide clock; the default is the system clock.
    static Clock &instance();
    // Tests install their own clock; passing nullptr restores the system clock.
    static void setInstance(Clock *clock);
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

// A clock that only moves when told to.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start) : m_now(std::move(start)) {}
    QDateTime now() const override { return m_now; }
    void advance(qint64 msecs) { m_now = m_now.addMSecs(msecs); }
    void set(QDateTime when) { m_now = std::move(when); }

private:
    QDateTime m_now;
};

} // namespace lockstep
