#pragma once

#include "app/metrics/PromSample.h"

namespace lockstep {

// Receives what PromTextParser reads, in input order. The parser allocates nothing per sample:
// everything handed over points into the input or the parser's reusable buffers.
class PromSampleVisitor
{
public:
    virtual ~PromSampleVisitor() = default;
    virtual void sample(const PromSample &sample) = 0;
    virtual void metadata(const PromMetadata &) {}
};

} // namespace lockstep
