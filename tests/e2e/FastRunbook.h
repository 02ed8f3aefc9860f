#pragma once

#include <QString>

namespace lockstep::test {

// A bundled runbook (resources/runbooks/NAME.yaml) with its waits shortened so an end-to-end test runs
// in seconds: gate interval 500 ms, at most 4 measurements and no initial delay, observation between
// waves 1 s, a post-rollout watch 3 s, poll intervals 200 ms, retry back-off 100 ms, `within` at most 10 s. Everything else —
// steps, commands, thresholds, checklist, rollback paths — is the bundled file's, read at test time so
// the test can never drift from it.
class FastRunbook
{
public:
    static QString bundledPath(const QString &name);   // <source>/resources/runbooks/NAME.yaml
    // Writes the shortened copy of `name` into `dir`; returns its path, or an empty string (and why in
    // `error`).
    static QString write(const QString &name, const QString &dir, QString *error);
    // The same for any runbook file (one kept with the tests); the copy has the file's name.
    static QString writeFile(const QString &source, const QString &dir, QString *error);
};

} // namespace lockstep::test
