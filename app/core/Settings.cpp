#include "app/core/Settings.h"

#include <QTemporaryDir>

namespace lockstep {

Settings::Settings()
    : m_settings(std::make_unique<QSettings>())
{
}

Settings::~Settings() = default;

Settings &Settings::instance()
{
    static Settings settings;
    return settings;
}

void Settings::open(const QString &fileName)
{
    Settings &s = instance();
    s.m_settings = fileName.isEmpty() ? std::make_unique<QSettings>()
                                      : std::make_unique<QSettings>(fileName, QSettings::IniFormat);
    s.m_tempDir.reset();
}

void Settings::createTemporary()
{
    Settings &s = instance();
    auto dir = std::make_unique<QTemporaryDir>();
    s.m_settings = std::make_unique<QSettings>(dir->filePath(QStringLiteral("lockstep.ini")), QSettings::IniFormat);
    s.m_tempDir = std::move(dir);
}

} // namespace lockstep
