#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace lockstep {

// A JSON-pointer comparison in an HTTP expectation: {"/0/status": "completed"}.
struct JsonExpectation
{
    QString pointer;
    QJsonValue expected;
    // As the runbook wrote it, once `expected` is rendered: what an error quotes, so a failure never
    // shows a rendered secret.
    QJsonValue source;
};

// What an HTTP response must look like.
struct HttpExpectation
{
    QList<int> statuses;                 // empty = any 2xx
    QList<JsonExpectation> json;
    QString bodyRegex;                   // empty = not checked
    QString bodyRegexSource;             // the template, once bodyRegex is rendered: what errors quote
};

} // namespace lockstep
