#pragma once

#include <QColor>
#include <QPalette>

namespace lockstep {

// Colours for badges, health dots and message bars that read well on the light and the dark palette.
// Qt 6.4 has no QStyleHints::colorScheme (6.5+), so "dark" is derived from the palette's window colour;
// widgets call these at paint time, so a system palette change is followed without a restart.
namespace Theme {

enum class Tone { Neutral, Info, Good, Warn, Bad, Frozen };

bool isDark(const QPalette &palette);
QColor background(Tone tone, bool dark);   // badge / bar fill
QColor foreground(Tone tone, bool dark);   // text on that fill
QColor accent(Tone tone, bool dark);       // a dot or an icon on the normal background

} // namespace Theme

} // namespace lockstep
