// libFuzzer target: the Ansible INI inventory reader on arbitrary files.
#include "app/inventory/AnsibleInventoryReader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto inventory = lockstep::AnsibleInventoryReader::parse(bytes, QStringLiteral("hosts.ini"));
    // Either verdict is fine here, a crash is not; the error is formatted as the console shows it.
    if (!inventory)
        (void)inventory.error().toString();
    return 0;
}
