#include "models/secret/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace lockstep;

// Every form a secret takes on its way through Lockstep and the programs a step runs is masked.
class TestRedactor : public QObject
{
    Q_OBJECT

private:
    static QString shellQuoted(const QString &value)
    {
        return QLatin1Char('\'') + QString(value).replace(QLatin1String("'"), QLatin1String("'\\''")) + QLatin1Char('\'');
    }
    static QString json(const QString &value)
    {
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    }
    static QString base64(const QByteArray &bytes) { return QString::fromLatin1(bytes.toBase64()); }

private slots:
    void masksEveryForm_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("text");
        const QStringList secrets{QStringLiteral("s3cr3tT0kenValue"), QStringLiteral("p@ss w'rd+=/&?#x"),
                                  QStringLiteral("ünï c0dé-密码-9")};
        for (const QString &s : secrets) {
            const QByteArray utf8 = s.toUtf8();
            auto row = [&](const char *form, const QString &text) {
                QTest::addRow("%s: %s", qPrintable(s.left(4)), form) << s << text;
            };
            row("raw", QStringLiteral("token=%1 end").arg(s));
            row("shell-quoted", QStringLiteral("+ curl -H %1 end").arg(shellQuoted(s)));
            row("regex-escaped", QStringLiteral("expected /^%1$/").arg(QRegularExpression::escape(s)));
            row("percent path", QStringLiteral("GET http://h/a/%1/b").arg(QString::fromLatin1(QUrl::toPercentEncoding(s))));
            row("percent query", QStringLiteral("GET http://h/a?t=%1&x=1").arg(QString::fromLatin1(QUrl::toPercentEncoding(s, "/:@?"))));
            row("form-encoded (+ for space)",
                QStringLiteral("t=%1&x").arg(QString::fromLatin1(QUrl::toPercentEncoding(s)).replace(QLatin1String("%20"), QLatin1String("+"))));
            QString lower = QString::fromLatin1(QUrl::toPercentEncoding(s));
            for (qsizetype i = lower.indexOf(QLatin1Char('%')); i >= 0; i = lower.indexOf(QLatin1Char('%'), i + 1))
                lower.replace(i + 1, 2, lower.mid(i + 1, 2).toLower());
            row("lower-case hex", QStringLiteral("t=%1").arg(lower));
            QUrl url(QStringLiteral("http://h/a"));
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("t"), QString::fromLatin1(QUrl::toPercentEncoding(s, "/:@?")));
            url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
            row("URL as Qt shows it", QStringLiteral("failed: %1").arg(url.toDisplayString()));
            row("URL fully encoded", QStringLiteral("failed: %1").arg(url.toString(QUrl::FullyEncoded)));
            row("JSON (Qt)", QStringLiteral("{\"token\":%1}").arg(json(s)));
            QString ascii;
            for (const QChar c : s)
                ascii += c.unicode() > 0x7e ? QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0')) : QString(c);
            row("JSON (\\u escapes)", QStringLiteral("{\"token\": \"%1\"}").arg(ascii));
            row("base64", QStringLiteral("Authorization: Basic %1").arg(base64(utf8)));
            row("base64url", QStringLiteral("jwt=%1").arg(QString::fromLatin1(utf8.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))));
            row("base64 of echo (newline)", base64(utf8 + '\n'));
            row("base64 at offset 1", base64("u:" + utf8 + ":tail"));
            row("base64 at offset 2", base64("us:" + utf8 + ":tail"));
            row("base64 at offset 0 in a blob", base64("use:" + utf8 + ":tail"));
        }
    }

    void masksEveryForm()
    {
        QFETCH(QString, secret);
        QFETCH(QString, text);
        const Redactor redactor({secret});
        QVERIFY2(redactor.leaks(text), qPrintable(text));
        const QString redacted = redactor.redact(text);
        QVERIFY2(redacted.contains(Redactor::mask()), qPrintable(redacted));
        QVERIFY2(!redactor.leaks(redacted), qPrintable(redacted));
        QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
    }

    // The secret's bytes cannot be read back from what is left of a base64 blob either: at most the
    // bits of the two bytes at each end that share a group with their neighbours.
    void base64BlobKeepsNoWholeGroupOfTheSecret()
    {
        const QString secret = QStringLiteral("correct-horse-battery-staple");
        const Redactor redactor({secret});
        for (int lead = 0; lead < 3; ++lead) {
            const QByteArray blob = QByteArray(lead, 'u') + secret.toUtf8() + "\n";
            const QString redacted = redactor.redact(base64(blob));
            QVERIFY2(redacted.contains(Redactor::mask()), qPrintable(redacted));
            QVERIFY2(redacted.size() <= 3 + 4 + 4 + 4, qPrintable(redacted));
        }
    }

    void leavesOtherTextAlone()
    {
        const Redactor redactor({QStringLiteral("s3cr3tT0kenValue")});
        const QString text = QStringLiteral("GET http://h/a%2Bb%20c?q=1%3D2 -> 200 OK");
        QCOMPARE(redactor.redact(text), text);
        QVERIFY(!redactor.leaks(text));
    }

    void longestFormFirstAndEmptyIgnored()
    {
        const Redactor redactor({QStringLiteral("abc"), QStringLiteral("abcdef"), QString()});
        QCOMPARE(redactor.redact(QStringLiteral("x=abcdef y=abc z=ab")), QStringLiteral("x=*** y=*** z=ab"));
        QVERIFY(Redactor({QString()}).isEmpty());
        QVERIFY(Redactor().redact(QStringLiteral("abc")) == QStringLiteral("abc"));
        QCOMPARE(Redactor({QStringLiteral("abc")}).with({QStringLiteral("xyz")}).redact(QStringLiteral("abc xyz")),
                 QStringLiteral("*** ***"));
    }

    // A stream cuts an over-long line where no form of a secret straddles the cut.
    void safeCutAvoidsSplittingAForm()
    {
        const Redactor redactor({QStringLiteral("s3cr3tT0kenValue")});
        const QByteArray bytes = "0123456789s3cr3tT0kenValue-rest";
        QCOMPARE(redactor.safeCut(bytes, 15), 10);            // before the secret
        QCOMPARE(redactor.safeCut(bytes, 8), 8);              // nothing crosses
        QCOMPARE(redactor.safeCut(bytes.mid(10), 5), 0);      // the secret starts the line ...
        QCOMPARE(redactor.cutAfter(bytes.mid(10), 5), 16);    // ... so the cut goes after it
        QVERIFY(redactor.longestFormBytes() >= 16);
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
