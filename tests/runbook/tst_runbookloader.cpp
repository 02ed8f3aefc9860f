#include "app/runbook/Condition.h"
#include "app/runbook/Duration.h"
#include "app/runbook/RunbookLoader.h"
#include "tests/support/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace lockstep;
using namespace std::chrono_literals;

class TestRunbookLoader : public QObject
{
    Q_OBJECT

private:
    static QString dataDir() { return test::sourceDir() + QStringLiteral("/tests/runbook/"); }

    static QString render(const QList<Diagnostic> &diagnostics)
    {
        QStringList lines;
        for (const Diagnostic &d : diagnostics)
            lines.append(d.toString());
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    void designExampleLoads()
    {
        const auto loaded = RunbookLoader::readFile(dataDir() + QStringLiteral("valid/design-example.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(render(loaded.diagnostics)));
        const Runbook &rb = loaded.runbook;
        QCOMPARE(rb.id, QStringLiteral("platform-upgrade"));
        QCOMPARE(rb.product, QStringLiteral("webwaka-platform"));
        QCOMPARE(rb.appliesTo, (QList<ChangeClass>{ChangeClass::Minor, ChangeClass::Major}));
        QVERIFY(rb.maintenanceWindowRequired);
        QCOMPARE(rb.strategy.waves.size(), 3);
        QCOMPARE(rb.strategy.waves[0].count, 1);
        QCOMPARE(rb.strategy.waves[0].name, QStringLiteral("canary"));
        QCOMPARE(rb.strategy.waves[1].percent, 25);
        QCOMPARE(rb.strategy.waves[2].percent, 100);
        QCOMPARE(rb.strategy.maxParallel, 5);
        QCOMPARE(rb.strategy.observe, Millis(10min));
        QVERIFY(!rb.strategy.autoPromote);
        QCOMPARE(rb.strategy.maxFailedPerWave, 0);

        QCOMPARE(rb.checklist.size(), 2);
        QVERIFY(rb.checklist[0].check.has_value());
        const StepSpec &backup = *rb.checklist[0].check;
        QCOMPARE(backup.kind, StepKind::Http);
        QCOMPARE(backup.http.method, QStringLiteral("GET"));
        QCOMPARE(backup.http.url, QStringLiteral("{{instance.api}}/instances/{{instance.id}}/backups"));
        QCOMPARE(backup.expect.statuses, QList<int>{200});
        QCOMPARE(backup.expect.json.size(), 1);
        QCOMPARE(backup.expect.json[0].pointer, QStringLiteral("/0/status"));
        QCOMPARE(backup.expect.json[0].expected, QJsonValue(QStringLiteral("completed")));
        QVERIFY(backup.readOnly);
        QCOMPARE(rb.checklist[1].signoffsRequired, 1);
        QVERIFY(!rb.checklist[1].check.has_value());

        QCOMPARE(rb.steps.size(), 3);
        const StepSpec &on = rb.steps[0];
        QCOMPARE(on.id, QStringLiteral("maintenance-on"));
        QCOMPARE(on.title, QStringLiteral("Enable maintenance mode"));
        QCOMPARE(on.http.method, QStringLiteral("POST"));
        QVERIFY(on.http.hasBody);
        QCOMPARE(on.http.body.toObject().value(QStringLiteral("enabled")), QJsonValue(true));
        QCOMPARE(on.expect.statuses, (QList<int>{200, 204}));
        QCOMPARE(on.expected, Millis(2min));
        QCOMPARE(on.undo, QStringLiteral("maintenance-off"));
        QCOMPARE(on.location.line, 18);
        const StepSpec &pull = rb.steps[1];
        QCOMPARE(pull.kind, StepKind::Ssh);
        QCOMPARE(pull.command, QStringLiteral("docker pull registry.example/platform:{{version}}"));
        QCOMPARE(pull.timeout, Millis(10min));
        QCOMPARE(pull.retries.count, 2);
        QCOMPARE(pull.retries.backoff, Millis(10s));
        const StepSpec &healthy = rb.steps[2];
        QVERIFY(healthy.until.has_value());
        QCOMPARE(healthy.until->statuses, QList<int>{200});
        QCOMPARE(healthy.within, Millis(30s));

        QCOMPARE(rb.gates.size(), 1);
        const GateSpec &gate = rb.gates[0];
        QCOMPARE(gate.id, QStringLiteral("error_rate"));
        QCOMPARE(gate.metric, QStringLiteral("error_rate"));
        QCOMPARE(gate.comparison, Comparison::Below);
        QCOMPARE(gate.threshold, 0.01);
        QCOMPARE(gate.interval, Millis(30s));
        QCOMPARE(gate.count, 10);
        QCOMPARE(gate.failureLimit, 1);
        QCOMPARE(gate.noData, NoDataPolicy::Fail);
        QCOMPARE(rb.rollback, (QStringList{QStringLiteral("maintenance-on"), QStringLiteral("restore-previous"),
                                           QStringLiteral("healthy"), QStringLiteral("maintenance-off")}));
        QVERIFY(rb.findStep(QStringLiteral("restore-previous")) != nullptr);
        QCOMPARE(rb.findStep(QStringLiteral("restore-previous"))->command,
                 QStringLiteral("docker compose up -d platform={{previous_version}}"));
    }

    // The DESIGN.md example without the rollback_steps it leaves to the reader: exactly the two
    // missing steps are reported, where they are referenced.
    void designExampleVerbatimNamesTheMissingRollbackSteps()
    {
        QFile file(dataDir() + QStringLiteral("valid/design-example.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(file.readAll());
        text = text.left(text.indexOf(QLatin1String("# The DESIGN.md example above")));
        const auto loaded = RunbookLoader::readString(text, QStringLiteral("design.yaml"));
        QCOMPARE(loaded.diagnostics.size(), 3);
        QCOMPARE(loaded.diagnostics[0].toString(),
                 QStringLiteral("design.yaml:24:11: error: undo names step 'maintenance-off', which is not defined under "
                                "steps: or rollback_steps: (steps[0].undo)"));
        QCOMPARE(loaded.diagnostics[1].keyPath, QStringLiteral("rollback[1]"));
        QCOMPARE(loaded.diagnostics[2].keyPath, QStringLiteral("rollback[3]"));
    }

    void validCorpusLoads_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList files = QDir(dataDir() + QStringLiteral("valid")).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 6);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dataDir() + QStringLiteral("valid/") + f;
    }

    void validCorpusLoads()
    {
        QFETCH(QString, path);
        const auto loaded = RunbookLoader::readFile(path);
        QVERIFY2(loaded.ok(), qPrintable(render(loaded.diagnostics)));
        QVERIFY(!loaded.runbook.steps.isEmpty());
        QCOMPARE(loaded.runbook.strategy.waves.last().percent, 100);
        for (const QString &id : loaded.runbook.rollback + loaded.runbook.emergencyRollback)
            QVERIFY(loaded.runbook.findStep(id));
    }

    // The reference procedures need conditions, local argv steps, PromQL gates with baselines,
    // secrets, params and emergency rollback; check they arrive as written.
    void referenceProceduresExpressed()
    {
        const auto semver = RunbookLoader::loadFile(dataDir() + QStringLiteral("valid/selfhosted-semver-upgrade.yaml"));
        QVERIFY(semver.ok());
        const StepSpec *apply = semver->findStep(QStringLiteral("apply-major"));
        QVERIFY(apply);
        QCOMPARE(apply->when, QStringLiteral("change == major"));
        QVERIFY(apply->disruptive);
        QCOMPARE(apply->argv.first(), QStringLiteral("pulumi"));
        QCOMPARE(apply->workingDirectory, QStringLiteral("{{params.stack_dir}}"));
        QVERIFY(Condition::parse(semver->findStep(QStringLiteral("apply"))->when)->matches(ChangeClass::Downgrade));
        QCOMPARE(semver->appliesTo.size(), 4);
        int majorOnly = 0;
        for (const ChecklistItem &item : semver->checklist)
            majorOnly += item.when == QLatin1String("change == major");
        QCOMPARE(majorOnly, 3);
        QCOMPARE(semver->findStep(QStringLiteral("review-preview"))->kind, StepKind::Manual);

        const auto realtime = RunbookLoader::loadFile(dataDir() + QStringLiteral("valid/realtime-server-canary-upgrade.yaml"));
        QVERIFY(realtime.ok());
        QCOMPARE(realtime->strategy.waves.size(), 5);
        QVERIFY(realtime->strategy.onFailure == OnFailure::Rollback);
        const GateSpec &reject = realtime->gates.at(1);
        QCOMPARE(reject.id, QStringLiteral("reject-rate"));
        QVERIFY(reject.promql);
        QVERIFY(reject.metric.startsWith(QLatin1String("sum(rate(rt_rejects_total[1m]))")));
        QCOMPARE(reject.baseline, QStringLiteral("not-upgraded"));
        QCOMPARE(reject.tolerance, 0.5);
        QCOMPARE(realtime->gates.at(0).inconclusiveAbove, std::optional<double>(0.005));
        QCOMPARE(realtime->findStep(QStringLiteral("replay-after"))->commandExpect.outputRegex, QStringLiteral("hash ok"));

        const auto platform = RunbookLoader::loadFile(dataDir() + QStringLiteral("valid/platform-instance-upgrade.yaml"));
        QVERIFY(platform.ok());
        QCOMPARE(platform->secrets, QStringList{QStringLiteral("api_token")});
        QCOMPARE(platform->emergencyRollback.first(), QStringLiteral("emergency"));
        QCOMPARE(platform->gates.size(), 3);
        QCOMPARE(platform->checklist.at(4).signoffsRequired, 2);
        const StepSpec *audit = platform->findStep(QStringLiteral("audit-rollback"));
        QCOMPARE(audit->http.body.toObject().value(QStringLiteral("resource")).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("{{instance.id}}"));
        QCOMPARE(platform->findStep(QStringLiteral("backup-verified"))->pollInterval, Millis(5s));

        const auto k8s = RunbookLoader::loadFile(dataDir() + QStringLiteral("valid/message-center-k8s-upgrade.yaml"));
        QVERIFY(k8s.ok());
        const StepSpec *restore = k8s->findStep(QStringLiteral("restore"));
        QCOMPARE(restore->env.value(QStringLiteral("MONGODB_URI")), QStringLiteral("{{secrets.mongodb_uri}}"));
        QCOMPARE(restore->timeout, Millis(1h));
        QCOMPARE(k8s->checklist.at(2).check->expect.json.at(0).expected, QJsonValue(0));
    }

    // The full example in docs/runbook-format.md is kept valid.
    void documentedExampleLoads()
    {
        QFile doc(test::sourceDir() + QStringLiteral("/docs/runbook-format.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(doc.readAll());
        const qsizetype section = text.indexOf(QLatin1String("## A full example"));
        QVERIFY(section > 0);
        const qsizetype start = text.indexOf(QLatin1String("```yaml\n"), section) + 8;
        const qsizetype end = text.indexOf(QLatin1String("```"), start);
        QVERIFY(start > 8 && end > start);
        const auto loaded = RunbookLoader::readString(text.mid(start, end - start), QStringLiteral("runbook-format.md"));
        QVERIFY2(loaded.ok(), qPrintable(render(loaded.diagnostics)));
        QCOMPARE(loaded.runbook.steps.size(), 8);
        QCOMPARE(loaded.runbook.findStep(QStringLiteral("migrate"))->commandExpect.outputRegex, QStringLiteral("migrations applied"));
    }

    void malformedCorpus_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList files = QDir(dataDir() + QStringLiteral("malformed")).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 25);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dataDir() + QStringLiteral("malformed/") + f;
    }

    // Each file's first line says where the error is and what it says: "# expect: LINE:COL: fragment".
    void malformedCorpus()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString first = QString::fromUtf8(file.readLine()).trimmed();
        static const QRegularExpression re(QStringLiteral("^# expect: (\\d+):(\\d+): (.+)$"));
        const auto m = re.match(first);
        QVERIFY2(m.hasMatch(), qPrintable(first));
        const auto loaded = RunbookLoader::readFile(path);
        QVERIFY(!loaded.ok());
        const QString all = render(loaded.diagnostics);
        bool found = false;
        for (const Diagnostic &d : loaded.diagnostics) {
            if (d.location.file == path && d.location.line == m.captured(1).toInt()
                && d.location.column == m.captured(2).toInt() && d.message.contains(m.captured(3)))
                found = true;
        }
        QVERIFY2(found, qPrintable(QStringLiteral("expected %1\ngot:\n%2").arg(first, all)));
        const auto result = RunbookLoader::loadFile(path);
        QVERIFY(!result.ok());
        QVERIFY(result.error().where.startsWith(path + QLatin1Char(':')));
    }

    // Wave approvals have the checklist's rule keys: a default under between_waves, a wave's own approval:.
    void waveApprovalRules()
    {
        const auto loaded = RunbookLoader::readString(
            QStringLiteral("runbook: r\nproduct: p\nstrategy:\n  waves:\n    - {count: 1, name: canary}\n"
                           "    - {percent: 50, approval: {by: 2, exclude_initiator: true, role: lockstep_release, max_age: 30m, expires: window}}\n"
                           "    - {percent: 100}\n"
                           "  between_waves: {observe: 5m, then: approve, approval: {exclude_initiator: true}}\n"
                           "steps:\n  - id: a\n    local: x\n"),
            QStringLiteral("w.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(render(loaded.diagnostics)));
        const StrategySpec &s = loaded.runbook.strategy;
        QCOMPARE(s.approval.by, 1);
        QVERIFY(s.approval.excludeInitiator);
        QVERIFY(!s.waves[0].approval);
        QVERIFY(s.waves[1].approval);
        QCOMPARE(s.waves[1].approval->by, 2);
        QVERIFY(s.waves[1].approval->excludeInitiator);
        QCOMPARE(s.waves[1].approval->role, QStringLiteral("lockstep_release"));
        QCOMPARE(s.waves[1].approval->maxAge, Millis(std::chrono::minutes(30)));
        QVERIFY(s.waves[1].approval->expiresWithWindow);
        QVERIFY(!s.waves[2].approval);
    }

    void unusedRollbackStepIsAWarning()
    {
        const auto loaded = RunbookLoader::readString(QStringLiteral("runbook: r\nproduct: p\nsteps:\n  - id: a\n    local: x\n"
                                                                     "rollback_steps:\n  - id: restore-prevoius\n    local: y\n"
                                                                     "  - id: b\n    local: z\nrollback: [b]\n"),
                                                      QStringLiteral("w.yaml"));
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.diagnostics.size(), 1);
        QCOMPARE(loaded.diagnostics[0].toString(),
                 QStringLiteral("w.yaml:7:9: warning: rollback step 'restore-prevoius' never runs: no undo:, probe:, rollback: or "
                                "emergency_rollback: names it (rollback_steps[0])"));
    }

    void rollbackEntriesSayWhatTheyCompensate()
    {
        const auto loaded = RunbookLoader::readString(
            QStringLiteral("runbook: r\nproduct: p\nsteps:\n  - id: migrate\n    local: x\n  - id: deploy\n    local: y\n"
                           "rollback_steps:\n  - id: down\n    local: z\n  - id: stop\n    local: w\n  - id: tell\n    local: v\n"
                           "rollback:\n  - {step: stop, if_ran: deploy}\n  - {step: down, if_ran: [migrate, deploy]}\n  - tell\n"),
            QStringLiteral("c.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(render(loaded.diagnostics)));
        QCOMPARE(loaded.runbook.rollback, (QStringList{QStringLiteral("stop"), QStringLiteral("down"), QStringLiteral("tell")}));
        QCOMPARE(loaded.runbook.rollbackIfRan.value(QStringLiteral("stop")), QStringList{QStringLiteral("deploy")});
        QCOMPARE(loaded.runbook.rollbackIfRan.value(QStringLiteral("down")),
                 (QStringList{QStringLiteral("migrate"), QStringLiteral("deploy")}));
        QVERIFY(!loaded.runbook.rollbackIfRan.contains(QStringLiteral("tell")));
    }

    void keyPathsAreReported()
    {
        const auto loaded = RunbookLoader::readString(QStringLiteral("runbook: r\nproduct: p\nsteps:\n  - id: a\n    local: x\n"
                                                                     "  - id: b\n    local: y\n  - id: c\n    local: z\n"
                                                                     "  - id: d\n    local: w\n    retries: {count: -1}\n"),
                                                      QStringLiteral("k.yaml"));
        QCOMPARE(loaded.diagnostics.size(), 1);
        QCOMPARE(loaded.diagnostics[0].keyPath, QStringLiteral("steps[3].retries.count"));
        QCOMPARE(loaded.diagnostics[0].location.line, 12);
    }

    void durations()
    {
        QCOMPARE(Duration::parse(QStringLiteral("500ms")), std::optional<Millis>(500ms));
        QCOMPARE(Duration::parse(QStringLiteral("30s")), std::optional<Millis>(30s));
        QCOMPARE(Duration::parse(QStringLiteral("10m")), std::optional<Millis>(10min));
        QCOMPARE(Duration::parse(QStringLiteral("2h")), std::optional<Millis>(2h));
        QCOMPARE(Duration::parse(QStringLiteral("1h30m")), std::optional<Millis>(90min));
        QVERIFY(!Duration::parse(QStringLiteral("30")));
        QVERIFY(!Duration::parse(QStringLiteral("s")));
        QVERIFY(!Duration::parse(QStringLiteral("-5s")));
        QVERIFY(!Duration::parse(QStringLiteral("10d")));
        QVERIFY(!Duration::parse(QStringLiteral("999999999999999999999h")));
        QVERIFY(!Duration::parse(QStringLiteral("169h")));
        QCOMPARE(Duration::format(90min + 500ms), QStringLiteral("1h30m500ms"));
        QCOMPARE(Duration::format(0ms), QStringLiteral("0s"));
    }

    void conditions()
    {
        const auto major = Condition::parse(QStringLiteral("change == major"));
        QVERIFY(major.ok());
        QVERIFY(major->matches(ChangeClass::Major));
        QVERIFY(!major->matches(ChangeClass::Minor));
        const auto notPatch = Condition::parse(QStringLiteral("change != patch"));
        QVERIFY(notPatch->matches(ChangeClass::Major));
        QVERIFY(!notPatch->matches(ChangeClass::Patch));
        const auto in = Condition::parse(QStringLiteral("change in [minor, major]"));
        QVERIFY(in.ok());
        QVERIFY(in->matches(ChangeClass::Minor));
        QVERIFY(!in->matches(ChangeClass::Patch));
        const auto notIn = Condition::parse(QStringLiteral("change not in [patch]"));
        QVERIFY(notIn.ok());
        QVERIFY(!notIn->matches(ChangeClass::Patch));
        QVERIFY(notIn->matches(ChangeClass::Major));
        QVERIFY(!Condition::parse(QStringLiteral("change == huge")).ok());
        QVERIFY(!Condition::parse(QStringLiteral("rm -rf /")).ok());
    }

    // Truncations and byte mutations of valid runbooks: always a runbook or located diagnostics.
    void mutationsNeverCrash()
    {
        QRandomGenerator random(20261121);
        const QStringList files = QDir(dataDir() + QStringLiteral("valid")).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        const char junk[] = {'{', '}', '[', ']', ':', '-', '&', '*', '!', '|', '>', '\'', '"', '#', '\n', ' ', '%', '@', '\t', 'x', '\xff'};
        int loads = 0;
        for (const QString &f : files) {
            QFile file(dataDir() + QStringLiteral("valid/") + f);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray original = file.readAll();
            for (qsizetype cut = 0; cut < original.size(); cut += 37) {
                const auto loaded = RunbookLoader::readBytes(original.left(cut), f);
                for (const Diagnostic &d : loaded.diagnostics)
                    QVERIFY2(d.location.line >= 1, qPrintable(d.toString()));
                ++loads;
            }
            for (int i = 0; i < 150; ++i) {
                QByteArray mutated = original;
                for (int j = 0; j < 3; ++j)
                    mutated[random.bounded(int(mutated.size()))] = junk[random.bounded(int(sizeof(junk)))];
                const auto loaded = RunbookLoader::readBytes(mutated, f);
                for (const Diagnostic &d : loaded.diagnostics)
                    QVERIFY2(d.location.line >= 1, qPrintable(d.toString()));
                ++loads;
            }
        }
        QVERIFY(loads > 1000);
    }

    // Hostile inputs end in diagnostics, never in a crash or unbounded work.
    void hostileInputs_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("binary") << QByteArray("\x7f" "ELF\x02\x01\x01\x00\x00\xff\xfe", 11);
        QTest::newRow("invalid utf8") << QByteArray("runbook: r\nproduct: \xc3\x28\n");
        QTest::newRow("deep flow nesting") << QByteArray(100000, '[');
        QTest::newRow("deep block nesting") << [] {
            QByteArray b;
            for (int i = 0; i < 3000; ++i)
                b += QByteArray(i, ' ') + "k:\n";
            return b;
        }();
        QTest::newRow("too large") << QByteArray(RunbookLoader::kMaxFileBytes + 10, '#');
        QTest::newRow("alias bomb") << [] {
            QByteArray b = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
            char prev = 'a';
            for (char c = 'b'; c <= 'k'; ++c) {
                b += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [";
                for (int i = 0; i < 10; ++i)
                    b += (i ? ", *" : "*") + QByteArray(1, prev);
                b += "]\n";
                prev = c;
            }
            b += "runbook: r\nproduct: p\nsteps:\n  - id: s\n    http: \"POST http://127.0.0.1/x\"\n    body: *k\n";
            return b;
        }();
        QTest::newRow("scalar root") << QByteArray("just text");
        QTest::newRow("tab indentation") << QByteArray("runbook: r\n\tproduct: p\n");
        QTest::newRow("unclosed quote") << QByteArray("runbook: \"r\nproduct: p\n");
    }

    void hostileInputs()
    {
        QFETCH(QByteArray, bytes);
        const auto loaded = RunbookLoader::readBytes(bytes, QStringLiteral("hostile.yaml"));
        QVERIFY(!loaded.ok());
        for (const Diagnostic &d : loaded.diagnostics) {
            QVERIFY2(d.location.line >= 1, qPrintable(d.toString()));
            QVERIFY(!d.message.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestRunbookLoader)
#include "tst_runbookloader.moc"
