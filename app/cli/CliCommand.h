#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

namespace lockstep {

// One command of lockstep-cli as its help, the shell completion and the manual page describe it. The
// commands are listed once, in CliCommands; each one's code lives in its own <Name>Command.cpp.
struct CliCommand
{
    // What the words after the command's name are, so completion can offer them.
    enum class Operands { None, Files, Actions };

    QString name;
    QString summary;              // one line in the list of commands
    QStringList synopsis;         // usage lines, each after "lockstep-cli NAME "
    QString description;          // what it does and its exit status; paragraphs separated by blank lines
    QStringList examples;         // whole command lines (a long one continues with " \\" and a newline); the help ends with them
    Operands operands = Operands::None;
    QStringList actions;          // the first word's choices (audit verify|export), with Operands::Actions
    int (*run)(const QStringList &arguments) = nullptr;     // gets the arguments after the name
    QList<QCommandLineOption> (*options)() = nullptr;       // what its parser accepts (help shows these)
};

} // namespace lockstep
