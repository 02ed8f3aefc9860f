#pragma once

#include "models/runbook/HttpExpectation.h"
#include "models/secret/Redactor.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace lockstep {

// One HTTP step, rendered: every template already substituted and encoded (Templater::renderHttp).
struct HttpStepRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;                           // JSON text when hasBody
    bool hasBody = false;
    HttpExpectation expect;                    // checked on the final response
    std::optional<HttpExpectation> until;      // poll until this holds ...
    std::chrono::milliseconds within{0};       // ... for at most this long
    std::chrono::milliseconds pollInterval{std::chrono::seconds(1)};
    std::chrono::milliseconds timeout{std::chrono::minutes(1)};   // the request; with `until`, each request; 0 = none
    Redactor redactor;                         // masks every form of the run's secrets in output and errors

    // "METHOD URL" with the URL as sent (its own %2B and %20 kept) and every form of a secret masked.
    QString describe() const
    {
        return redactor.redact(QString::fromLatin1(method) + QLatin1Char(' ') + url.toString(QUrl::FullyEncoded));
    }
};

} // namespace lockstep
