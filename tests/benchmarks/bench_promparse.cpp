// Throughput of PromTextParser on a large, realistic exposition body.
//   bench_promparse                       generates ~40 MB in memory and benchmarks it
//   bench_promparse --file=F              benchmarks the body in F
//   bench_promparse --generate=F [--mb=N] writes a body of ~N MB to F (for compare_promtool.sh)
// Google Benchmark's own flags (--benchmark_repetitions=...) are passed through.
// The BM_Worst* benchmarks are the hostile shapes the parser must stay linear on (docs/performance.md):
// one series with 100,000 labels, 1,000,000 series, and 1 MB lines (one label value of 1 MB).
#include "app/metrics/PromTextParser.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

using namespace lockstep;

namespace {

std::string g_body;

// Families shaped like a real service's /metrics: counters by code/method/handler, a latency
// histogram with 12 buckets, a summary, gauges and process metrics, HELP and TYPE for each family.
std::string generate(std::size_t targetBytes)
{
    static const char *const kBuckets[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                           "0.5",   "1",    "2.5",   "5",    "10",  "+Inf"};
    static const char *const kCodes[] = {"200", "201", "304", "404", "500", "503"};
    static const char *const kMethods[] = {"GET", "POST"};
    static const char *const kHandlers[] = {"/api/v1/orders", "/api/v1/users/{id}", "/health", "/metrics"};
    std::string out;
    out.reserve(targetBytes + 65536);
    unsigned long long counter = 1;
    char line[512];
    for (int instance = 0; out.size() < targetBytes; ++instance) {
        const std::string inst = "web-" + std::to_string(instance) + ".prod.example.net:9100";
        auto family = [&](const char *name, const char *type, const char *help) {
            std::snprintf(line, sizeof line, "# HELP svc%d_%s %s\n# TYPE svc%d_%s %s\n", instance, name, help, instance,
                          name, type);
            out += line;
        };
        family("http_requests_total", "counter", "Total HTTP requests by code, method and handler.");
        for (const char *code : kCodes)
            for (const char *method : kMethods)
                for (const char *handler : kHandlers) {
                    std::snprintf(line, sizeof line,
                                  "svc%d_http_requests_total{code=\"%s\",method=\"%s\",handler=\"%s\",instance=\"%s\"} "
                                  "%llu 1700000000%03d\n",
                                  instance, code, method, handler, inst.c_str(), counter, int(counter % 1000));
                    out += line;
                    counter = counter * 2862933555777941757ULL + 3037000493ULL;
                    counter %= 100000000ULL;
                }
        family("http_request_duration_seconds", "histogram", "Request latency in seconds.");
        for (const char *method : kMethods)
            for (const char *handler : kHandlers) {
                unsigned long long cumulative = counter % 1000;
                for (const char *le : kBuckets) {
                    cumulative += counter % 5000;
                    std::snprintf(line, sizeof line,
                                  "svc%d_http_request_duration_seconds_bucket{method=\"%s\",handler=\"%s\",le=\"%s\"} "
                                  "%llu\n",
                                  instance, method, handler, le, cumulative);
                    out += line;
                    counter = counter * 6364136223846793005ULL + 1442695040888963407ULL;
                }
                std::snprintf(line, sizeof line,
                              "svc%d_http_request_duration_seconds_sum{method=\"%s\",handler=\"%s\"} %.6f\n"
                              "svc%d_http_request_duration_seconds_count{method=\"%s\",handler=\"%s\"} %llu\n",
                              instance, method, handler, double(cumulative) * 0.0371, instance, method, handler,
                              cumulative);
                out += line;
            }
        family("rpc_duration_seconds", "summary", "RPC latency with a \\\\ backslash\\nand a second line.");
        for (const char *qv : {"0.5", "0.9", "0.99"}) {
            std::snprintf(line, sizeof line, "svc%d_rpc_duration_seconds{service=\"a\\\"b\\\\c\",quantile=\"%s\"} %.9g\n",
                          instance, qv, double(counter % 100000) / 7919.0);
            out += line;
            counter = counter * 6364136223846793005ULL + 1;
        }
        std::snprintf(line, sizeof line,
                      "svc%d_rpc_duration_seconds_sum{service=\"a\\\"b\\\\c\"} 1.7560473e+07\n"
                      "svc%d_rpc_duration_seconds_count{service=\"a\\\"b\\\\c\"} 2693\n",
                      instance, instance);
        out += line;
        family("queue_depth", "gauge", "Jobs waiting.");
        std::snprintf(line, sizeof line, "svc%d_queue_depth{queue=\"default\"} %llu\nsvc%d_queue_depth{queue=\"slow\"} NaN\n",
                      instance, counter % 300, instance);
        out += line;
        family("process_cpu_seconds_total", "counter", "CPU time.");
        std::snprintf(line, sizeof line,
                      "svc%d_process_cpu_seconds_total %.3f\n"
                      "# HELP svc%d_process_start_time_seconds Start time.\n# TYPE svc%d_process_start_time_seconds gauge\n"
                      "svc%d_process_start_time_seconds 1.69999e+09\n"
                      "# HELP svc%d_go_temp Lowest temperature.\n# TYPE svc%d_go_temp gauge\nsvc%d_go_temp -Inf\n",
                      instance, double(counter % 1000000) / 1000.0, instance, instance, instance, instance, instance,
                      instance);
        out += line;
    }
    return out;
}

struct CountingVisitor : PromSampleVisitor
{
    std::size_t samples = 0;
    double sum = 0;
    void sample(const PromSample &s) override
    {
        ++samples;
        sum += s.value;
    }
};

void BM_PromTextParse(benchmark::State &state)
{
    PromTextParser parser;
    std::size_t samples = 0;
    for (auto _ : state) {
        CountingVisitor v;
        const Status status = parser.parse(g_body, v);
        if (!status) {
            state.SkipWithError(status.error().toString().toStdString().c_str());
            return;
        }
        samples = v.samples;
        benchmark::DoNotOptimize(v.sum);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(g_body.size()));
    state.counters["samples"] = double(samples);
    state.counters["MB"] = double(g_body.size()) / 1e6;
}
BENCHMARK(BM_PromTextParse)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// A body made once per benchmark, parsed repeatedly without limits (the worst case is the parser's own).
void parseWorstCase(benchmark::State &state, const std::string &body)
{
    PromTextParser parser;
    std::size_t samples = 0;
    for (auto _ : state) {
        CountingVisitor v;
        const Status status = parser.parse(body, v);
        if (!status) {
            state.SkipWithError(status.error().toString().toStdString().c_str());
            return;
        }
        samples = v.samples;
        benchmark::DoNotOptimize(v.sum);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(body.size()));
    state.counters["samples"] = double(samples);
    state.counters["MB"] = double(body.size()) / 1e6;
}

void BM_WorstOneSeriesWith100kLabels(benchmark::State &state)
{
    static const std::string body = [] {
        std::string b = "# TYPE wide counter\nwide_total{";
        for (int i = 0; i < 100000; ++i)
            b += (i ? ",label_" : "label_") + std::to_string(i) + "=\"value\"";
        return b + "} 1\n";
    }();
    parseWorstCase(state, body);
}
BENCHMARK(BM_WorstOneSeriesWith100kLabels)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_WorstMillionSeries(benchmark::State &state)
{
    static const std::string body = [] {
        std::string b = "# TYPE many gauge\n";
        for (int i = 0; i < 1000000; ++i)
            b += "many{id=\"" + std::to_string(i) + "\"} " + std::to_string(i % 977) + "\n";
        return b;
    }();
    parseWorstCase(state, body);
}
BENCHMARK(BM_WorstMillionSeries)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_WorstMegabyteLines(benchmark::State &state)
{
    // 16 lines of 1 MB each: one long label value (with escapes every 1,000 bytes) and a long HELP.
    static const std::string body = [] {
        std::string value;
        for (int i = 0; value.size() < 1000000; ++i)
            value += (i % 1000 == 999) ? "\\\"" : "x";
        std::string b;
        for (int i = 0; i < 8; ++i) {
            b += "# HELP long_" + std::to_string(i) + " " + std::string(1000000, 'h') + "\n";
            b += "long_" + std::to_string(i) + "{v=\"" + value + "\"} 1\n";
        }
        return b;
    }();
    parseWorstCase(state, body);
}
BENCHMARK(BM_WorstMegabyteLines)->Unit(benchmark::kMillisecond)->MinTime(1.0);

} // namespace

int main(int argc, char **argv)
{
    std::string file, generateTo;
    std::size_t mb = 40;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--file=", 7) == 0)
            file = argv[i] + 7;
        else if (std::strncmp(argv[i], "--generate=", 11) == 0)
            generateTo = argv[i] + 11;
        else if (std::strncmp(argv[i], "--mb=", 5) == 0)
            mb = std::size_t(std::stoul(argv[i] + 5));
        else
            argv[kept++] = argv[i];
    }
    argc = kept;
    if (!generateTo.empty()) {
        std::ofstream(generateTo, std::ios::binary) << generate(mb * 1000 * 1000);
        return 0;
    }
    if (!file.empty()) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "cannot read %s\n", file.c_str());
            return 2;
        }
        g_body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } else {
        g_body = generate(mb * 1000 * 1000);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
