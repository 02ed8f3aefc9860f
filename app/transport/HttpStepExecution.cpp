#include "app/transport/HttpStepExecution.h"

#include "app/transport/OutputCapture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace lockstep {

namespace {

QString jsonText(const QJsonValue &v)
{
    if (v.isUndefined())
        return QStringLiteral("nothing");
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)).left(200);
}

// What an error says was expected: the runbook's template when the value was rendered from one.
QString expectedText(const JsonExpectation &j)
{
    return jsonText(j.source.isUndefined() || j.source.isNull() ? j.expected : j.source);
}

// RFC 6901 JSON pointer; undefined when the document has no such element.
QJsonValue resolvePointer(const QJsonValue &root, const QString &pointer)
{
    if (pointer.isEmpty())
        return root;
    QJsonValue current = root;
    const QStringList tokens = pointer.mid(1).split(QLatin1Char('/'));
    for (QString token : tokens) {
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        if (current.isObject()) {
            const QJsonObject o = current.toObject();
            if (!o.contains(token))
                return QJsonValue(QJsonValue::Undefined);
            current = o.value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const qsizetype i = token.toLongLong(&ok);
            const QJsonArray a = current.toArray();
            if (!ok || i < 0 || i >= a.size() || (token.size() > 1 && token.startsWith(QLatin1Char('0'))))
                return QJsonValue(QJsonValue::Undefined);
            current = a.at(i);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}

QString statusList(const QList<int> &statuses)
{
    QStringList parts;
    for (int s : statuses)
        parts.append(QString::number(s));
    if (parts.size() <= 1)
        return parts.join(QString());
    const QString last = parts.takeLast();
    return parts.join(QLatin1String(", ")) + QLatin1String(" or ") + last;
}

} // namespace

HttpStepExecution::HttpStepExecution(HttpStepRequest request, QNetworkAccessManager *network, QObject *parent)
    : CommandExecution(parent), m_request(std::move(request)), m_network(network)
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    m_requestTimer.setSingleShot(true);
    m_pollTimer.setSingleShot(true);
    connect(&m_requestTimer, &QTimer::timeout, this, &HttpStepExecution::onRequestTimeout);
    connect(&m_pollTimer, &QTimer::timeout, this, &HttpStepExecution::sendRequest);
    // Polling is bounded by `within`; `timeout` then bounds each request. Without `until`, `timeout`
    // bounds the one request.
    m_stepDeadline = m_request.timeout.count() > 0 && !m_request.until ? QDeadlineTimer(m_request.timeout.count())
                                                                       : QDeadlineTimer(QDeadlineTimer::Forever);
    m_untilDeadline = m_request.until ? QDeadlineTimer(m_request.within.count()) : QDeadlineTimer(QDeadlineTimer::Forever);
    // Start from the event loop: the caller must be able to connect before anything is emitted.
    QTimer::singleShot(0, this, &HttpStepExecution::sendRequest);
}

HttpStepExecution::~HttpStepExecution()
{
    if (m_reply) {
        m_reply->disconnect(this);
        delete m_reply.data();   // deleting a reply aborts its request
    }
}

QString HttpStepExecution::describe() const
{
    return m_request.describe();
}

qint64 HttpStepExecution::remainingMs() const
{
    const qint64 step = m_stepDeadline.remainingTime();   // -1 = forever
    const qint64 until = m_untilDeadline.remainingTime();
    if (step < 0)
        return until;
    if (until < 0)
        return step;
    return std::min(step, until);
}

void HttpStepExecution::emitLine(const QString &line)
{
    emit outputLine(OutputStream::Stdout, m_request.redactor.redact(line));
}

void HttpStepExecution::sendRequest()
{
    if (m_done)
        return;
    if (m_stepDeadline.hasExpired() || m_untilDeadline.hasExpired()) {
        finish(CommandOutcome::Kind::TimedOut, -1, timedOutText());
        return;
    }
    const QString scheme = m_request.url.scheme();
    if (!m_request.url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        finish(CommandOutcome::Kind::FailedToStart, -1, QStringLiteral("not an http(s) URL: %1").arg(describe()));
        return;
    }
    ++m_attempts;
    m_body.clear();
    m_droppedBytes = 0;
    QNetworkRequest request(m_request.url);
    for (const auto &[name, value] : m_request.headers)
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_reply = m_network->sendCustomRequest(request, m_request.method, m_request.hasBody ? m_request.body : QByteArray());
    m_state = State::Requesting;
    connect(m_reply, &QNetworkReply::readyRead, this, [this] {
        const QByteArray chunk = m_reply->readAll();
        const qsizetype room = std::max<qsizetype>(0, kMaxBodyBytes - m_body.size());
        m_body += chunk.left(room);
        m_droppedBytes += std::max<qsizetype>(0, chunk.size() - room);
    });
    connect(m_reply, &QNetworkReply::finished, this, &HttpStepExecution::onReplyFinished);
    qint64 limit = remainingMs();
    if (m_request.until && m_request.timeout.count() > 0)
        limit = limit < 0 ? m_request.timeout.count() : std::min<qint64>(limit, m_request.timeout.count());
    if (limit >= 0)
        m_requestTimer.start(int(std::clamp<qint64>(limit, 1, std::numeric_limits<int>::max())));
}

void HttpStepExecution::onRequestTimeout()
{
    if (m_state != State::Requesting || !m_reply)
        return;
    QNetworkReply *reply = m_reply;
    reply->disconnect(this);
    m_reply.clear();
    delete reply;   // deleting a reply aborts its request
    const QString noAnswer = QStringLiteral("%1 did not answer within %2 ms").arg(describe(), QString::number(m_request.timeout.count()));
    if (m_request.until && !m_untilDeadline.hasExpired()) {
        retryOrFail(noAnswer, CommandOutcome::Kind::TimedOut);   // one slow answer while polling is "not yet"
        return;
    }
    // Keep the reason of the last answered attempt: it says more than "no answer" does.
    if (m_lastReason.isEmpty())
        m_lastReason = noAnswer;
    finish(CommandOutcome::Kind::TimedOut, -1, timedOutText());
}

QString HttpStepExecution::timedOutText() const
{
    if (m_request.until && m_untilDeadline.hasExpired())
        return QStringLiteral("condition not met within %1 ms after %2 attempt(s); last: %3")
            .arg(QString::number(m_request.within.count()), QString::number(m_attempts),
                 m_lastReason.isEmpty() ? QStringLiteral("no answer") : m_lastReason);
    return QStringLiteral("%1 timed out after %2 ms%3")
        .arg(describe(), QString::number(m_request.timeout.count()),
             m_lastReason.isEmpty() ? QString() : QLatin1String("; last: ") + m_lastReason);
}

void HttpStepExecution::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_requestTimer.stop();
    if (!reply || m_done)
        return;
    m_reply.clear();
    reply->deleteLater();
    const QByteArray rest = reply->readAll();
    const qsizetype room = std::max<qsizetype>(0, kMaxBodyBytes - m_body.size());
    m_body += rest.left(room);
    m_droppedBytes += std::max<qsizetype>(0, rest.size() - room);

    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttr.isValid()) {
        // No HTTP response at all: connection refused, host not found, reset ...
        const QNetworkReply::NetworkError e = reply->error();
        const bool neverConnected = e == QNetworkReply::ConnectionRefusedError || e == QNetworkReply::HostNotFoundError
            || e == QNetworkReply::ProtocolUnknownError || e == QNetworkReply::SslHandshakeFailedError;
        const QString reason = QStringLiteral("%1 failed: %2").arg(describe(), m_request.redactor.redact(reply->errorString()));
        emitLine(reason);
        retryOrFail(reason, neverConnected ? CommandOutcome::Kind::FailedToStart : CommandOutcome::Kind::ConnectionLost);
        return;
    }
    m_lastStatus = statusAttr.toInt();
    const QString reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    // One .arg() call: the URL's own escapes (%2B, %20) must not be taken for placeholders.
    emitLine(QStringLiteral("%1 -> %2 %3").arg(describe(), QString::number(m_lastStatus), reasonPhrase));
    // The body goes through the same capture as command output: lines, CRs, redaction of every form.
    OutputCapture capture(m_request.redactor);
    QList<OutputCapture::Line> lines = capture.append(OutputStream::Stdout, m_body);
    lines += capture.finish();
    for (int i = 0; i < std::min<int>(int(lines.size()), kBodyLinesShown); ++i) {
        const QString &line = lines.at(i).text;
        emitLine(line.size() > kLineLengthShown ? line.left(kLineLengthShown) + QStringLiteral(" [...]") : line);
    }
    if (lines.size() > kBodyLinesShown || m_droppedBytes > 0)
        emitLine(QStringLiteral("[... body truncated: %1 bytes in all]").arg(m_body.size() + m_droppedBytes));

    if (m_request.until) {
        const QString notYet = check(*m_request.until, m_lastStatus, m_body, describe());
        if (!notYet.isEmpty()) {
            retryOrFail(notYet, CommandOutcome::Kind::Exited);
            return;
        }
    }
    const QString failure = check(m_request.expect, m_lastStatus, m_body, describe());
    if (failure.isEmpty())
        finish(CommandOutcome::Kind::Exited, 0, QString());
    else
        finish(CommandOutcome::Kind::Exited, 1, failure);
}

void HttpStepExecution::retryOrFail(const QString &reason, CommandOutcome::Kind kindIfFinal)
{
    if (!m_request.until) {
        finish(kindIfFinal, kindIfFinal == CommandOutcome::Kind::Exited ? 1 : -1, reason);
        return;
    }
    m_lastReason = reason;
    const qint64 remaining = remainingMs();
    if (m_untilDeadline.hasExpired() || m_stepDeadline.hasExpired() || (remaining >= 0 && remaining < 1)) {
        finish(CommandOutcome::Kind::TimedOut, -1, timedOutText());
        return;
    }
    m_state = State::Waiting;
    qint64 wait = m_request.pollInterval.count();
    if (remaining >= 0)
        wait = std::min(wait, remaining);
    m_pollTimer.start(int(std::clamp<qint64>(wait, 0, std::numeric_limits<int>::max())));
}

void HttpStepExecution::cancel()
{
    if (m_done)
        return;
    m_pollTimer.stop();
    m_requestTimer.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        reply->disconnect(this);
        m_reply.clear();
        delete reply;   // deleting a reply aborts its request
    }
    // Queued, so that finished() never fires inside the caller's cancel() call.
    QTimer::singleShot(0, this, [this] { finish(CommandOutcome::Kind::Cancelled, -1, QStringLiteral("cancelled")); });
    m_state = State::Done;
}

void HttpStepExecution::finish(CommandOutcome::Kind kind, int exitCode, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_state = State::Done;
    m_requestTimer.stop();
    m_pollTimer.stop();
    CommandOutcome outcome;
    outcome.kind = kind;
    outcome.exitCode = exitCode;
    outcome.error = m_request.redactor.redact(error);
    outcome.droppedOutputBytes = m_droppedBytes;
    emit finished(outcome);
}

QString HttpStepExecution::check(const HttpExpectation &expect, int status, const QByteArray &body, const QString &request)
{
    if (expect.statuses.isEmpty() ? (status < 200 || status > 299) : !expect.statuses.contains(status))
        return QStringLiteral("expected status %1, got %2 from %3")
            .arg(expect.statuses.isEmpty() ? QStringLiteral("2xx") : statusList(expect.statuses),
                 QString::number(status), request);
    if (!expect.json.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError)
            return QStringLiteral("expected a JSON body from %1, but it does not parse: %2 at offset %3")
                .arg(request, error.errorString(), QString::number(error.offset));
        const QJsonValue root = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
        for (const JsonExpectation &j : expect.json) {
            const QJsonValue actual = resolvePointer(root, j.pointer);
            if (actual.isUndefined())
                return QStringLiteral("expected %1 = %2, but the response from %3 has no %1")
                    .arg(j.pointer.isEmpty() ? QStringLiteral("the document") : j.pointer, expectedText(j), request);
            // Numbers compare by value; a YAML string compares with the text of a JSON number or bool too.
            bool same = actual == j.expected;
            if (!same && j.expected.isString() && (actual.isDouble() || actual.isBool()))
                same = jsonText(actual) == j.expected.toString();
            if (!same)
                return QStringLiteral("expected %1 = %2, got %3 from %4")
                    .arg(j.pointer, expectedText(j), jsonText(actual), request);
        }
    }
    if (!expect.bodyRegex.isEmpty()) {
        // Errors quote the runbook's template, never the rendered regex (it may hold a secret).
        const QString &bodyRegexShown = expect.bodyRegexSource.isEmpty() ? expect.bodyRegex : expect.bodyRegexSource;
        const QRegularExpression re(expect.bodyRegex);
        if (!re.isValid())
            return QStringLiteral("invalid body regex /%1/: %2").arg(bodyRegexShown, re.errorString());
        if (!re.match(QString::fromUtf8(body)).hasMatch())
            return QStringLiteral("expected the body from %1 to match /%2/, it does not").arg(request, bodyRegexShown);
    }
    return {};
}

} // namespace lockstep
