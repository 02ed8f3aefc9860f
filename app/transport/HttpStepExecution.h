#pragma once

#include "app/transport/CommandExecution.h"
#include "app/transport/HttpStepRequest.h"

#include <QDeadlineTimer>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace lockstep {

// One http step in flight, asynchronous on the caller's thread. It is a CommandExecution, so the engine
// handles it like a command: outputLine() carries the status line and the start of each response body
// (redacted); finished() reports
//   Exited, exitCode 0   the response met `expect` (and `until`, when polling)
//   Exited, exitCode 1   it did not; `error` says how ("expected status 200 or 204, got 503 from POST ...")
//   TimedOut             the step's timeout, or `within` while polling, ran out
//   FailedToStart        bad request (unsupported URL scheme ...) or no connection at all (refused, no host)
//   ConnectionLost       the connection broke during the exchange
//   Cancelled            cancel() aborted the request
// With `until`, responses that do not meet it (and connection failures) are retried every pollInterval
// until it holds or `within` passes; the final response must also meet `expect`.
class HttpStepExecution : public CommandExecution
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024;   // kept for checks; the rest is counted
    static constexpr int kBodyLinesShown = 20;
    static constexpr int kLineLengthShown = 400;

    // `network` may be null: the execution then uses its own manager.
    HttpStepExecution(HttpStepRequest request, QNetworkAccessManager *network, QObject *parent);
    ~HttpStepExecution() override;

    void cancel() override;
    bool isFinished() const { return m_done; }
    int attempts() const { return m_attempts; }
    int lastStatus() const { return m_lastStatus; }
    const QByteArray &lastBody() const { return m_body; }

    // Empty when the response meets `expect`, otherwise why not (naming the request).
    static QString check(const HttpExpectation &expect, int status, const QByteArray &body, const QString &request);

private:
    enum class State { Idle, Requesting, Waiting, Done };

    void sendRequest();
    void onReplyFinished();
    void onRequestTimeout();
    void retryOrFail(const QString &reason, CommandOutcome::Kind kindIfFinal);
    void emitLine(const QString &line);
    void finish(CommandOutcome::Kind kind, int exitCode, const QString &error);
    QString describe() const;
    QString timedOutText() const;
    qint64 remainingMs() const;

    HttpStepRequest m_request;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    State m_state = State::Idle;
    QTimer m_requestTimer;
    QTimer m_pollTimer;
    QDeadlineTimer m_stepDeadline;
    QDeadlineTimer m_untilDeadline;
    QByteArray m_body;
    QString m_lastReason;   // why the last attempt did not satisfy `until`
    qint64 m_droppedBytes = 0;
    int m_attempts = 0;
    int m_lastStatus = 0;
    bool m_done = false;
};

} // namespace lockstep
