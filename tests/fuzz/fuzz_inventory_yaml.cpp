// libFuzzer target: the Lockstep YAML inventory reader on arbitrary files.
#include "app/inventory/YamlInventoryReader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto inventory = lockstep::YamlInventoryReader::parse(bytes, QStringLiteral("fuzz.yaml"));
    // Either verdict is fine here, a crash is not; the error is formatted as the console shows it.
    if (!inventory)
        (void)inventory.error().toString();
    return 0;
}
