// libFuzzer target: the templater. The input's first line is a parameter value (what an operator or an
// inventory supplies), the rest a template (what a runbook says); both are rendered into every sink:
// shell, raw, header, regex, URL and JSON.
#include "app/runbook/Templater.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

namespace {

lockstep::TemplateContext context(const QString &value)
{
    lockstep::TemplateContext c;
    c.instance.name = QStringLiteral("app-1");
    c.instance.product = QStringLiteral("demo");
    c.instance.environment = QStringLiteral("prod");
    c.instance.sshTarget = QStringLiteral("deploy@127.0.0.1:22");
    c.instance.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/"));
    c.instance.apiUrl = QUrl(QStringLiteral("http://127.0.0.1:9090/api"));
    c.instance.currentVersion = QStringLiteral("1.4.2");
    c.version = QStringLiteral("1.5.0");
    c.previousVersion = QStringLiteral("1.4.2");
    c.change = lockstep::ChangeClass::Minor;
    c.params.insert(QStringLiteral("p"), value);
    c.params.insert(QStringLiteral("token"), value);
    c.secretParams << QStringLiteral("token");
    c.secrets.insert(QStringLiteral("api"), QStringLiteral("s3cr3t+/=value"));
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf(QLatin1Char('\n'));
    const QString value = newline < 0 ? QString() : input.left(newline);
    const QString text = newline < 0 ? input : input.mid(newline + 1);

    auto templater = lockstep::Templater::create(context(value));
    if (!templater)
        return 0;
    // Each render either gives the rendered text or a located error; both are fine, a crash is not.
    (void)templater->renderShell(text);
    (void)templater->renderRaw(text);
    (void)templater->renderHeaderValue(text);
    (void)templater->renderRegex(text);
    (void)templater->renderUrl(text);
    (void)templater->renderJson(QJsonObject{{QStringLiteral("k"), text},
                                            {QStringLiteral("list"), QJsonArray{text, 1, true}}});
    const lockstep::Redactor redactor = templater->redactor();
    (void)redactor.redact(text);
    return 0;
}
