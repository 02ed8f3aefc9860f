#include "app/cli/CliHelp.h"

#include "app/cli/CliCommands.h"

#include <QTextStream>

namespace lockstep {

namespace {

constexpr qsizetype kWidth = 80;      // terminal help is wrapped to this many columns
constexpr qsizetype kMaxColumn = 30;  // option names wider than this put their description on the next line

const QString kProgram = QStringLiteral("lockstep-cli");

// Words of `text` in lines of at most `width` columns, each after `indent` spaces (the first line's
// indent is the caller's).
QString wrap(const QString &text, qsizetype indent, qsizetype width = kWidth)
{
    QString out;
    qsizetype column = indent;
    bool first = true;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!first && column + 1 + word.size() > width) {
            out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
            column = indent;
        } else if (!first) {
            out += QLatin1Char(' ');
            ++column;
        }
        out += word;
        column += word.size();
        first = false;
    }
    return out;
}

QString paragraphs(const QString &text, qsizetype indent)
{
    QStringList out;
    for (const QString &paragraph : text.split(QStringLiteral("\n\n")))
        out << QString(indent, QLatin1Char(' ')) + wrap(paragraph, indent);
    return out.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

QCommandLineOption helpOption()
{
    return {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")};
}

// "-h, --help" / "--database <path>"
QString names(const QCommandLineOption &option)
{
    QStringList parts;
    for (const QString &name : option.names())
        parts << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    QString text = parts.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty())
        text += QStringLiteral(" <%1>").arg(option.valueName());
    return text;
}

QString describe(const QCommandLineOption &option)
{
    QString text = option.description();
    if (!option.defaultValues().isEmpty())
        text += QStringLiteral(" (default: %1)").arg(option.defaultValues().join(QStringLiteral(", ")));
    return text;
}

QList<QCommandLineOption> visible(const QList<QCommandLineOption> &options)
{
    QList<QCommandLineOption> shown;
    for (const QCommandLineOption &option : options)
        if (!(option.flags() & QCommandLineOption::HiddenFromHelp))
            shown << option;
    return shown;
}

QString optionTable(const QList<QCommandLineOption> &options)
{
    qsizetype column = 0;
    for (const QCommandLineOption &option : options)
        column = std::max(column, std::min(names(option).size(), kMaxColumn));
    column += 4;   // two spaces before, two after
    QString out;
    for (const QCommandLineOption &option : options) {
        const QString left = QStringLiteral("  ") + names(option);
        out += left;
        if (left.size() + 2 > column)
            out += QLatin1Char('\n') + QString(column, QLatin1Char(' '));
        else
            out += QString(column - left.size(), QLatin1Char(' '));
        out += wrap(describe(option), column) + QLatin1Char('\n');
    }
    return out;
}

QString commandOptions(const CliCommand &command)
{
    QList<QCommandLineOption> options = command.options ? visible(command.options()) : QList<QCommandLineOption>{};
    options << helpOption();
    return optionTable(options);
}

// Roff text: backslashes and minus signs escaped, no line read as a request.
QString roff(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    escaped.replace(QLatin1Char('-'), QStringLiteral("\\-"));
    QStringList lines = escaped.split(QLatin1Char('\n'));
    for (QString &line : lines)
        if (line.startsWith(QLatin1Char('.')) || line.startsWith(QLatin1Char('\'')))
            line.prepend(QStringLiteral("\\&"));
    return lines.join(QLatin1Char('\n'));
}

QString roffParagraphs(const QString &text)
{
    QStringList out;
    for (const QString &paragraph : text.split(QStringLiteral("\n\n")))
        out << QStringLiteral(".PP\n") + roff(paragraph);
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString roffOptions(const QList<QCommandLineOption> &options)
{
    QString out;
    for (const QCommandLineOption &option : options) {
        QStringList parts;
        for (const QString &name : option.names())
            parts << QStringLiteral("\\fB%1\\fR").arg(roff((name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name));
        QString tag = parts.join(QStringLiteral(", "));
        if (!option.valueName().isEmpty())
            tag += QStringLiteral(" \\fI%1\\fR").arg(roff(option.valueName()));
        out += QStringLiteral(".TP\n%1\n%2\n").arg(tag, roff(describe(option)));
    }
    return out;
}

const char kDescription[] =
    "Guided upgrades across a fleet, headless: the engine of the Lockstep console from the command line. "
    "A runbook rehearsed in the console runs the same way in a pipeline, with the same store, leases, "
    "sign-offs and audit log.";

} // namespace

QString CliHelp::overview()
{
    QString out;
    QTextStream text(&out);
    text << "Usage: " << kProgram << " COMMAND [options]\n"
         << "       " << kProgram << " help COMMAND\n\n"
         << paragraphs(QString::fromUtf8(kDescription), 0) << "\nCommands:\n";
    qsizetype column = 0;
    for (const CliCommand &command : CliCommands::all())
        column = std::max(column, command.name.size());
    for (const CliCommand &command : CliCommands::all())
        text << "  " << command.name.leftJustified(column + 2) << wrap(command.summary, column + 4) << '\n';
    text << "\nOptions:\n"
         << optionTable({{{QStringLiteral("h"), QStringLiteral("help")},
                          QStringLiteral("Show this list; after a command, that command's help.")},
                         {{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version.")}})
         << "\n'" << kProgram << " help COMMAND' or '" << kProgram
         << " COMMAND --help' shows a command's options and an example.\n";
    return out;
}

QString CliHelp::command(const CliCommand &command)
{
    QString out;
    QTextStream text(&out);
    const QString prefix = kProgram + QLatin1Char(' ') + command.name;
    for (qsizetype i = 0; i < command.synopsis.size(); ++i)
        text << (i == 0 ? "Usage: " : "       ") << prefix << ' ' << command.synopsis.at(i) << '\n';
    text << '\n' << wrap(command.summary, 0) << "\n\n" << paragraphs(command.description, 0)
         << "\nOptions:\n" << commandOptions(command)
         << '\n' << (command.examples.size() == 1 ? "Example:\n" : "Examples:\n");
    for (const QString &example : command.examples)
        text << "  " << QString(example).replace(QLatin1Char('\n'), QStringLiteral("\n  ")) << '\n';
    return out;
}

QString CliHelp::version()
{
    return kProgram + QLatin1Char(' ') + QStringLiteral(LOCKSTEP_VERSION) + QLatin1Char('\n');
}

QString CliHelp::usageError(const QString &name)
{
    const CliCommand *command = CliCommands::find(name);
    if (!command)
        return QStringLiteral("See '%1 --help'.\n").arg(kProgram);
    QString out;
    for (qsizetype i = 0; i < command->synopsis.size(); ++i)
        out += (i == 0 ? QStringLiteral("usage: ") : QStringLiteral("       ")) + kProgram + QLatin1Char(' ')
               + command->name + QLatin1Char(' ') + command->synopsis.at(i) + QLatin1Char('\n');
    return out + QStringLiteral("See '%1 help %2'.\n").arg(kProgram, name);
}

QString CliHelp::manPage()
{
    QString out;
    QTextStream text(&out);
    text << ".TH LOCKSTEP\\-CLI 1 \"\" \"" << roff(version().trimmed()) << "\" \"User Commands\"\n"
         << ".SH NAME\n" << "lockstep\\-cli \\- run guided fleet upgrades headless\n"
         << ".SH SYNOPSIS\n"
         << ".B lockstep\\-cli\n.I COMMAND\n[\\fIoptions\\fR]\n.br\n"
         << ".B lockstep\\-cli help\n.I COMMAND\n"
         << ".SH DESCRIPTION\n" << roffParagraphs(QString::fromUtf8(kDescription))
         << ".PP\n" << roff(QStringLiteral("lockstep-cli COMMAND --help shows the same text as each command's "
                                           "section below."))
         << "\n.SH COMMANDS\n";
    for (const CliCommand &command : CliCommands::all()) {
        text << ".SS \"" << roff(kProgram + QLatin1Char(' ') + command.name) << "\"\n"
             << roff(command.summary) << '\n' << ".PP\n.nf\n";
        for (const QString &line : command.synopsis)
            text << roff(kProgram + QLatin1Char(' ') + command.name + QLatin1Char(' ') + line) << '\n';
        text << ".fi\n" << roffParagraphs(command.description)
             << roffOptions(command.options ? visible(command.options()) : QList<QCommandLineOption>{})
             << ".PP\n" << (command.examples.size() == 1 ? "Example:" : "Examples:") << "\n.PP\n.RS\n.nf\n";
        for (const QString &example : command.examples)
            text << roff(example) << '\n';
        text << ".fi\n.RE\n";
    }
    text << ".SH OPTIONS\n"
         << roffOptions({{{QStringLiteral("h"), QStringLiteral("help")},
                          QStringLiteral("Show the list of commands; after a command, that command's help.")},
                         {{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version.")}})
         << ".SH ENVIRONMENT\n"
         << ".TP\n.B LOCKSTEP_DATABASE\n"
         << roff(QStringLiteral("The store when --database is not given (a SQLite file or postgresql:// URL); "
                                "else the per-user data directory.")) << '\n'
         << ".TP\n.B LOCKSTEP_ALLOWED_SIGNERS\n"
         << roff(QStringLiteral("The allowed_signers file SSH-signed sign-offs are verified against when --allowed-signers "
                                "is not given. Who is acting is never an option: the database role in team mode, else the "
                                "OS account.")) << '\n'
         << ".TP\n.B LOCKSTEP_PROMETHEUS_URL\n"
         << roff(QStringLiteral("The Prometheus for PromQL gates when --prometheus is not given.")) << '\n'
         << ".SH SEE ALSO\n"
         << ".BR lockstep (1),\n.BR lockstep\\-fleetsim (1)\n";
    return out;
}

bool CliHelp::asksForHelp(const QStringList &arguments)
{
    for (const QString &argument : arguments) {
        if (argument == QLatin1String("--"))
            return false;
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h"))
            return true;
    }
    return false;
}

QList<QCommandLineOption> CliHelp::options()
{
    // The build writes the installed manual page with `help --man`; nobody needs it at a prompt.
    QCommandLineOption man(QStringLiteral("man"), QStringLiteral("Print the manual page (roff)."));
    man.setFlags(QCommandLineOption::HiddenFromHelp);
    return {man};
}

int CliHelp::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.isEmpty()) {
        out << overview();
        return 0;
    }
    if (arguments == QStringList{QStringLiteral("--man")}) {
        out << manPage();
        return 0;
    }
    const CliCommand *command = arguments.size() == 1 ? CliCommands::find(arguments.first()) : nullptr;
    if (!command) {
        err << kProgram << ": no command '" << arguments.join(QLatin1Char(' ')) << "'\n" << usageError(QStringLiteral("help"));
        return 2;
    }
    out << CliHelp::command(*command);
    return 0;
}

} // namespace lockstep
