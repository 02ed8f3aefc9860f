#include "app/ssh/HostKeySurvey.h"

#include "app/ssh/HostKeyScanner.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace lockstep {

QList<HostKeySurvey::Finding> HostKeySurvey::scan(const QList<Host> &hosts, int parallel,
                                                  const std::function<void(int, const Finding &)> &onFinding)
{
    QList<Finding> findings(hosts.size());
    std::atomic<int> next{0};
    std::mutex mutex;
    const auto work = [&] {
        for (int index = next++; index < hosts.size(); index = next++) {
            Finding finding;
            finding.host = hosts.at(index);
            const Result<HostKeyInfo> key = HostKeyScanner(finding.host.options).scan(finding.host.target);
            if (key)
                finding.key = *key;
            else
                finding.error = key.error();
            if (onFinding)
                onFinding(index, finding);
            std::lock_guard lock(mutex);
            findings[index] = std::move(finding);
        }
    };
    std::vector<std::thread> workers;
    const int count = std::clamp<int>(parallel, 1, std::max<int>(1, int(hosts.size())));
    workers.reserve(size_t(count));
    for (int i = 0; i < count; ++i)
        workers.emplace_back(work);
    for (std::thread &worker : workers)
        worker.join();
    return findings;
}

} // namespace lockstep
