#include "app/runbook/RunbookLoader.h"

#include "app/runbook/RunbookReader.h"
#include "app/runbook/RunbookValidator.h"

#include <QFile>
#include <QStringDecoder>

#include <algorithm>

namespace lockstep {

namespace {

Diagnostic problem(const QString &file, int line, int column, const QString &message)
{
    return {Diagnostic::Severity::Error, SourceLocation{file, line, column}, message, {}};
}

// Line and column (1-based) of a byte offset, for errors found before YAML parsing.
std::pair<int, int> lineColumn(const QByteArray &bytes, qsizetype offset)
{
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, int(offset - lineStart) + 1};
}

Result<Runbook> toResult(RunbookLoader::Loaded loaded)
{
    if (loaded.ok())
        return std::move(loaded.runbook);
    const Diagnostic &first = loaded.diagnostics.first();
    const qsizetype more = loaded.diagnostics.size() - 1;
    Error error{first.message + (first.keyPath.isEmpty() ? QString() : QLatin1String(" (") + first.keyPath + QLatin1Char(')')),
                first.location.toString(),
                more > 0 ? QStringLiteral("%1 more problem(s); run 'lockstep-cli lint %2'").arg(more).arg(first.location.file)
                         : QString()};
    return error;
}

} // namespace

RunbookLoader::Loaded RunbookLoader::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Loaded out;
        out.diagnostics.append(problem(path, 0, 0, QStringLiteral("cannot open: %1").arg(file.errorString())));
        return out;
    }
    // Read one byte more than allowed so an oversized file is recognised without reading all of it.
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    return readBytes(bytes, path);
}

RunbookLoader::Loaded RunbookLoader::readString(const QString &text, const QString &name)
{
    return readBytes(text.toUtf8(), name);
}

RunbookLoader::Loaded RunbookLoader::readBytes(const QByteArray &bytes, const QString &name)
{
    Loaded out;
    out.runbook.file = name;
    if (bytes.size() > kMaxFileBytes) {
        out.diagnostics.append(problem(name, 1, 1, QStringLiteral("file is larger than %1 bytes; a runbook never needs that much")
                                                      .arg(kMaxFileBytes)));
        return out;
    }
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const uchar c = uchar(bytes.at(i));
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
            const auto [line, column] = lineColumn(bytes, i);
            out.diagnostics.append(problem(name, line, column,
                                           QStringLiteral("control character 0x%1; a runbook is UTF-8 text").arg(c, 2, 16, QLatin1Char('0'))));
            return out;
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    if (decoder.hasError()) {
        const qsizetype bad = decoded.indexOf(QChar::ReplacementCharacter);
        QByteArray prefix = bad >= 0 ? decoded.left(bad).toUtf8() : bytes;
        const auto [line, column] = lineColumn(prefix, prefix.size());
        out.diagnostics.append(problem(name, line, column, QStringLiteral("not valid UTF-8")));
        return out;
    }

    RunbookReader reader(name);
    out.runbook = reader.read(bytes);
    out.diagnostics = reader.diagnostics();
    // The validator cross-checks steps, gates and templates; a problem with a top-level fact it does
    // not look at (a missing product:, a bad id or title) must not hide the file's other errors.
    // Problems inside steps, gates or lists do stop it: it would report follow-on errors.
    const bool validatable = std::all_of(out.diagnostics.cbegin(), out.diagnostics.cend(), [](const Diagnostic &d) {
        static const QStringList independent{QStringLiteral("runbook"), QStringLiteral("product"),
                                             QStringLiteral("title"), QStringLiteral("description"),
                                             QStringLiteral("applies_to"), QStringLiteral("maintenance_window")};
        const QString top = d.keyPath.section(QLatin1Char('.'), 0, 0).section(QLatin1Char('['), 0, 0);
        return d.severity == Diagnostic::Severity::Warning || (!d.keyPath.isEmpty() && independent.contains(top));
    });
    if (validatable)
        out.diagnostics += RunbookValidator::validate(out.runbook, reader.locations());
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::pair(a.location.line, a.location.column) < std::pair(b.location.line, b.location.column);
    });
    return out;
}

Result<Runbook> RunbookLoader::loadFile(const QString &path)
{
    return toResult(readFile(path));
}

Result<Runbook> RunbookLoader::loadString(const QString &text, const QString &name)
{
    return toResult(readString(text, name));
}

} // namespace lockstep
