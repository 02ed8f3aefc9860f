#include "app/cli/CliCompletion.h"

#include "app/cli/CliCommands.h"
#include "app/cli/CliHelp.h"

#include <QTextStream>

namespace lockstep {

namespace {

// Options whose value is a file (or a SQLite file where a URL may also go): completed with file names.
bool takesFile(const QCommandLineOption &option)
{
    return option.valueName() == QLatin1String("file") || option.valueName() == QLatin1String("path");
}

QString spaced(const QStringList &words)
{
    return QLatin1Char(' ') + words.join(QLatin1Char(' ')) + QLatin1Char(' ');
}

} // namespace

QString CliCompletion::bash()
{
    QStringList commands;
    for (const CliCommand &command : CliCommands::all())
        commands << command.name;
    QString out;
    QTextStream text(&out);
    text << "# bash completion for lockstep-cli, written by `lockstep-cli completion bash` from its command table.\n"
            "_lockstep_cli()\n"
            "{\n"
            "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
            "    local options='' valued='' files='' actions='' operands=''\n"
            "    COMPREPLY=()\n"
            "    if [ \"$COMP_CWORD\" -le 1 ]; then\n"
            "        COMPREPLY=($(compgen -W '" << commands.join(QLatin1Char(' ')) << " --help --version' -- \"$cur\"))\n"
            "        return 0\n"
            "    fi\n"
            "    case ${COMP_WORDS[1]} in\n";
    for (const CliCommand &command : CliCommands::all()) {
        QStringList options;
        QStringList valued;
        QStringList files;
        const QList<QCommandLineOption> list = command.options ? command.options() : QList<QCommandLineOption>{};
        for (const QCommandLineOption &option : list) {
            if (option.flags() & QCommandLineOption::HiddenFromHelp)
                continue;
            for (const QString &name : option.names()) {
                const QString word = (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
                options << word;
                if (!option.valueName().isEmpty())
                    (takesFile(option) ? files : valued) << word;
            }
        }
        options << QStringLiteral("--help");
        text << "    " << command.name << ")\n"
             << "        options='" << options.join(QLatin1Char(' ')) << "'\n";
        if (!valued.isEmpty())
            text << "        valued='" << spaced(valued) << "'\n";
        if (!files.isEmpty())
            text << "        files='" << spaced(files) << "'\n";
        if (command.operands == CliCommand::Operands::Actions)
            text << "        actions='" << command.actions.join(QLatin1Char(' ')) << "'\n";
        if (command.operands == CliCommand::Operands::Files)
            text << "        operands=files\n";
        text << "        ;;\n";
    }
    text << "    *) return 0 ;;\n"
            "    esac\n"
            "    if [[ $files == *\" $prev \"* ]]; then\n"
            "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
            "    elif [[ $valued == *\" $prev \"* ]]; then\n"
            "        return 0\n"
            "    elif [[ $cur == -* ]]; then\n"
            "        COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
            "    elif [ -n \"$actions\" ] && [ \"$COMP_CWORD\" -eq 2 ]; then\n"
            "        COMPREPLY=($(compgen -W \"$actions\" -- \"$cur\"))\n"
            "    elif [ \"$operands\" = files ]; then\n"
            "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
            "    fi\n"
            "    return 0\n"
            "}\n"
            "complete -o filenames -F _lockstep_cli lockstep-cli\n";
    return out;
}

QList<QCommandLineOption> CliCompletion::options()
{
    return {};
}

int CliCompletion::run(const QStringList &arguments)
{
    if (arguments != QStringList{QStringLiteral("bash")}) {
        QTextStream(stderr) << "lockstep-cli completion: only bash is supported\n" << CliHelp::usageError(QStringLiteral("completion"));
        return 2;
    }
    QTextStream(stdout) << bash();
    return 0;
}

} // namespace lockstep
