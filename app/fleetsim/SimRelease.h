#pragma once

#include <QDateTime>
#include <QString>

namespace lockstep {

// One release in a simulated product's feed.
struct SimRelease
{
    QString version;       // semantic version (raw, unchecked text only for hostile feed entries)
    QString notes;
    bool breaking = false;
    bool security = false;
    QDateTime published;
    int schema = 1;        // database schema this release expects
    bool bad = false;      // simulator only: the release misbehaves once instances run it
    double degradation = 1.0;   // simulator only: a good release's error rate and latency times this
                                // (2 = twice the errors, twice as slow), for gates against a baseline
};

} // namespace lockstep
