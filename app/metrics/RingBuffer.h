#pragma once

#include <cstddef>
#include <vector>

namespace lockstep {

// A fixed-capacity FIFO that overwrites its oldest element when full. Storage grows on demand up to
// the capacity, so an idle buffer costs little and a full one never more than capacity elements.
template<typename T>
class RingBuffer
{
public:
    explicit RingBuffer(std::size_t capacity = 0) : m_capacity(capacity) {}

    void push(const T &value)
    {
        if (m_capacity == 0)
            return;
        if (m_data.size() < m_capacity) {
            m_data.push_back(value);
            return;
        }
        m_data[m_head] = value;
        m_head = (m_head + 1) % m_capacity;
    }

    std::size_t size() const { return m_data.size(); }
    std::size_t capacity() const { return m_capacity; }
    bool empty() const { return m_data.empty(); }
    // 0 = oldest, size()-1 = newest.
    const T &at(std::size_t i) const { return m_data[(m_head + i) % m_data.size()]; }
    const T &back() const { return at(m_data.size() - 1); }
    void clear()
    {
        m_data.clear();
        m_head = 0;
    }

private:
    std::vector<T> m_data;
    std::size_t m_capacity = 0;
    std::size_t m_head = 0;   // index of the oldest element once full
};

} // namespace lockstep
