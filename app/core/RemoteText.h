#pragma once

#include <QString>

namespace lockstep {

// Text a remote host chose (a /health status, a /version string, an error that quotes them) made safe
// to show in the log and the fleet table: control characters (C0, DEL, C1) and the Unicode bidi
// controls that reorder what follows (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C) are replaced by
// a visible escape such as "\u202E", so a right-to-left override cannot disguise "1.2.3" as "3.2.1" and
// an escape sequence cannot repaint a terminal. Everything else passes unchanged.
QString neutralisedRemoteText(const QString &text);

} // namespace lockstep
