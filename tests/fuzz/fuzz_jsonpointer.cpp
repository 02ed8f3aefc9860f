// libFuzzer target: the JSON-pointer expectations of http steps (`expect: {json: {"/0/status": ok}}`).
// The input's first line holds the pointers (separated by spaces), the second the expected value (YAML's
// view: a string), the rest the response body; HttpStepExecution::check judges the response as a run does.
#include "app/transport/HttpStepExecution.h"

#include <QJsonValue>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype first = input.indexOf('\n');
    const qsizetype second = first < 0 ? -1 : input.indexOf('\n', first + 1);
    if (second < 0)
        return 0;
    const QString pointers = QString::fromUtf8(input.left(first));
    const QString expected = QString::fromUtf8(input.mid(first + 1, second - first - 1));
    const QByteArray body = input.mid(second + 1);

    lockstep::HttpExpectation expect;
    expect.statuses = {200};
    for (const QString &pointer : pointers.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        expect.json.append({pointer, QJsonValue(expected)});
        expect.json.append({pointer, QJsonValue(expected.toDouble())});
    }
    // Empty when the response meets the expectation, otherwise why not; either is fine, a crash is not.
    (void)lockstep::HttpStepExecution::check(expect, 200, body, QStringLiteral("GET http://127.0.0.1/x"));
    return 0;
}
