// libFuzzer target: the runbook loader (YAML reading, shape checks, validation) on arbitrary files.
#include "app/runbook/RunbookLoader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto loaded = lockstep::RunbookLoader::readBytes(bytes, QStringLiteral("fuzz.yaml"));
    // Every diagnostic is formatted, as the CLI and the GUI do; which verdict the loader reaches is fine.
    for (const lockstep::Diagnostic &d : loaded.diagnostics)
        (void)d.toString();
    return 0;
}
