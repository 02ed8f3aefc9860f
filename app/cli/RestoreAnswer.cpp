#include "app/cli/RestoreAnswer.h"

#include "app/engine/RunExecutor.h"
#include "models/Clock.h"

#include <QMetaObject>

#include <functional>

namespace lockstep::RestoreAnswer {

namespace {

const QString kConfirm = QStringLiteral("confirm-restored");
const QString kLeave = QStringLiteral("leave-unrestored");

// The text of INSTANCE=TEXT for `instance`, or nothing.
QString valueFor(const QCommandLineParser &parser, const QString &option, const QString &instance)
{
    for (const QString &v : parser.values(option)) {
        const qsizetype eq = v.indexOf(QLatin1Char('='));
        if (eq > 0 && v.left(eq) == instance && !v.mid(eq + 1).trimmed().isEmpty())
            return v.mid(eq + 1);   // the text may hold '=' itself
    }
    return {};
}

QString stamp()
{
    return Clock::instance().now().toUTC().toString(QStringLiteral("HH:mm:ss.zzz"));
}

} // namespace

QList<QCommandLineOption> options()
{
    return {
        QCommandLineOption(kConfirm,
                           QStringLiteral("An instance that needs restore (its rollback reached a step nothing can undo) was "
                                          "restored by hand: say how; the rollback goes on."),
                           QStringLiteral("instance=how")),
        QCommandLineOption(kLeave,
                           QStringLiteral("Leave an instance that needs restore as it is (reported \"left on V - needs "
                                          "restore\", never rolled back): say why."),
                           QStringLiteral("instance=why")),
    };
}

QString answer(RunExecutor &run, const QCommandLineParser &parser, const QString &operatorName, const QString &instance,
               const QString &step, const QString &message, bool interactive, QTextStream &out)
{
    RunExecutor *r = &run;
    QTextStream *told = &out;
    const auto later = [r, told](std::function<Status()> act) {
        QMetaObject::invokeMethod(r, [act, told] {
            if (const Status s = act(); !s)
                *told << stamp() << " refused: " << s.error().toString() << "\n" << Qt::flush;
        }, Qt::QueuedConnection);
    };
    if (const QString how = valueFor(parser, kConfirm, instance); !how.isEmpty()) {
        out << stamp() << " " << instance << " restored by hand, confirmed by --confirm-restored: " << how << "\n";
        later([r, instance, operatorName, how] { return r->confirmRestored(instance, operatorName, how); });
        return {};
    }
    if (const QString why = valueFor(parser, kLeave, instance); !why.isEmpty()) {
        out << stamp() << " " << instance << " left unrestored by --leave-unrestored: " << why << "\n";
        later([r, instance, operatorName, why] { return r->leaveUnrestored(instance, operatorName, why); });
        return {};
    }
    const QString question = QStringLiteral("%1 needs restore: %2 cannot be undone; %3 (--confirm-restored %1=HOW once "
                                            "restored by hand, or --leave-unrestored %1=WHY)")
                                 .arg(instance, step, message);
    if (!interactive)
        return question;
    out << instance << " needs restore: " << step << " cannot be undone; " << message << "\n"
        << "how did you restore it? (empty = leave it unrestored): " << Qt::flush;
    QTextStream in(stdin);
    const QString how = in.readLine().trimmed();
    if (!how.isEmpty()) {
        later([r, instance, operatorName, how] { return r->confirmRestored(instance, operatorName, how); });
        return {};
    }
    out << "why do you leave it unrestored? " << Qt::flush;
    const QString why = in.readLine().trimmed();
    if (why.isEmpty())
        return question;
    later([r, instance, operatorName, why] { return r->leaveUnrestored(instance, operatorName, why); });
    return {};
}

} // namespace lockstep::RestoreAnswer
