#pragma once

#include "app/transport/ProcessGroup.h"
#include "models/Result.h"
#include "models/SshSettings.h"
#include "models/secret/Redactor.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

namespace lockstep {

// One command to run, over any transport. Templates are already rendered and quoted.
struct CommandSpec
{
    QString target;                 // ssh: "user@host:port" or an ssh_config alias; local: empty
    SshSettings ssh;                // ssh: the instance's own identity file / known_hosts / ssh_config
    QString command;                // a shell command line (ssh: run by the remote shell; local: by /bin/sh -c)
    QStringList argv;               // local only: run without a shell when non-empty
    QMap<QString, QString> env;     // extra environment
    QString workingDirectory;       // local only
    std::chrono::milliseconds timeout{0};   // 0 = none
    Redactor redactor;              // masks every form of the run's secrets in output and errors
    // Local only: called once the command's process group exists and before the command may run (it
    // waits, unstarted, until this returns), so the engine can store the group with the step's intent
    // first. A refusal kills the group unrun and fails the command with its reason.
    std::function<Status(const ProcessGroup &group)> processStarted;
};

enum class OutputStream { Stdout, Stderr };

// How a command ended.
struct CommandOutcome
{
    enum class Kind {
        Exited,          // ran to the end; see exitCode
        Signalled,       // killed by a signal (remote or local)
        TimedOut,
        Cancelled,
        FailedToStart,   // connection refused, auth failure, host key refused, no such program...
        ConnectionLost,
    };
    Kind kind = Kind::Exited;
    int exitCode = -1;
    QString error;                  // human-readable reason when kind != Exited
    qint64 droppedOutputBytes = 0;  // output beyond the in-memory bound
    bool hostKeyChanged = false;    // ssh: the host presented a key other than known_hosts holds (possible
                                    // attack): the engine stops the wave instead of retrying

    bool succeeded() const { return kind == Kind::Exited && exitCode == 0; }
};

} // namespace lockstep
