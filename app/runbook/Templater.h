#pragma once

#include "app/runbook/TemplateContext.h"
#include "app/transport/CommandSpec.h"
#include "app/transport/HttpStepRequest.h"
#include "models/Result.h"
#include "models/runbook/Runbook.h"
#include "models/secret/Redactor.h"

#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QUrl>

namespace lockstep {

// Substitutes {{variables}} into runbook templates, escaped for where each value lands:
//   shell commands (ssh, local)  single-quoted: ' -> '\''
//   URLs                         percent-encoded (path segment before '?', query component after);
//                                {{instance.url}} / {{instance.api}} only as the base URL at the start
//   JSON bodies                  JSON strings in the JSON tree (no text concatenation)
//   argv, env, cwd, headers      raw (no shell involved); headers refuse CR/LF
//   regexes (expect output/body) regex-escaped
// Every secret value rendered is remembered so output can be redacted (usedSecrets(), redactor()).
class Templater
{
public:
    // Refuses a target or previous version that is not valid SemVer before anything can render.
    static Result<Templater> create(TemplateContext context);

    // Declared params with defaults applied; refuses undeclared names and missing required ones.
    static Result<QMap<QString, QString>> resolveParams(const Runbook &runbook, const QMap<QString, QString> &given);

    Result<QString> renderShell(const QString &text);
    Result<QString> renderRaw(const QString &text);
    Result<QString> renderHeaderValue(const QString &text);
    Result<QString> renderRegex(const QString &text);
    Result<QUrl> renderUrl(const QString &text);
    Result<QJsonValue> renderJson(const QJsonValue &tree);

    // A whole ssh step as a CommandSpec (target = the instance's SSH target) ...
    Result<CommandSpec> renderSshCommand(const StepSpec &step);
    // ... and a local one (shell command or argv, env, cwd).
    Result<CommandSpec> renderLocalCommand(const StepSpec &step);
    // A whole http step, expectations included (their values raw, regexes escaped).
    Result<HttpStepRequest> renderHttp(const StepSpec &step);
    // The output regex of an ssh / local step, values regex-escaped.
    Result<CommandExpectation> renderCommandExpectation(const StepSpec &step);
    // Titles and manual prompts shown to operators (never contain secrets; the validator ensures it).
    Result<QString> renderDisplay(const QString &text) { return renderRaw(text); }

    QStringList usedSecrets() const;         // values of secrets (and secret params) rendered so far
    QStringList allSecretValues() const;     // every secret value in the context, used or not
    Redactor redactor() const { return Redactor(allSecretValues()); }
    const TemplateContext &context() const { return m_context; }

    static QString shellQuote(const QString &value);

private:
    explicit Templater(TemplateContext context);
    Result<QString> value(const QString &name);
    template<typename Escape>
    Result<QString> render(const QString &text, Escape escape);

    TemplateContext m_context;
    QSet<QString> m_used;
};

} // namespace lockstep
