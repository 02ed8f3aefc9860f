#pragma once

namespace lockstep {

// A value axis a person can read: bounds and ticks on round steps (1, 2, 2.5 or 5 times a power of
// ten), so a gate chart reads 0, 0.01, 0.02, 0.03 instead of 0, 0.0081, 0.0162, 0.0243.
struct NiceScale
{
    double min = 0;
    double max = 1;
    int ticks = 2;          // including both ends

    // The smallest round range that holds [low, high] with at most `maxTicks` ticks (>= 2).
    static NiceScale around(double low, double high, int maxTicks);
};

} // namespace lockstep
