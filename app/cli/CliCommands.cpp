#include "app/cli/CliCommands.h"

#include "app/cli/AuditCommand.h"
#include "app/cli/CliCompletion.h"
#include "app/cli/CliHelp.h"
#include "app/cli/HostsCommand.h"
#include "app/cli/LintCommand.h"
#include "app/cli/PlanCommand.h"
#include "app/cli/ReportCommand.h"
#include "app/cli/RunCommand.h"
#include "app/cli/RunsCommand.h"
#include "app/cli/SignOffCommand.h"
#include "app/cli/StatusCommand.h"
#include "app/cli/WatchCommand.h"

namespace lockstep {

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QList<CliCommand> table()
{
    using Operands = CliCommand::Operands;
    // In the order an operator meets them: check, plan, run, follow, prove.
    return {
        {s("lint"), s("Check runbook files; one file:line:col line per problem."),
         {s("FILE...")},
         s("Checks each runbook file and prints \"file:line:col: error|warning: message (key path)\" per problem.\n\n"
           "Exit status: 0 when no file has errors (warnings allowed), 1 when any has, 2 on a usage error."),
         {s("lockstep-cli lint resources/runbooks/*.yaml")},
         Operands::Files, {}, &LintCommand::run, &LintCommand::options},
        {s("plan"), s("Show the plan of an upgrade: waves, steps, rollback, window. Changes nothing."),
         {s("--runbook FILE --version VERSION --inventory FILE (--product ID | --instances A,B) [options]")},
         s("Resolves the runbook for the product and change class, the instances into waves (canary first) and "
           "prints the plan with expected durations, the rollback and the maintenance window. Versions the "
           "inventory does not give are learnt with one discovery poll.\n\n"
           "Exit status: 0, or 2 when the plan is refused (usage, policy, no runbook)."),
         {s("lockstep-cli plan --runbook platform-instance-upgrade.yaml --version 1.5.0 \\\n"
            "    --inventory fleet.yaml --product webwaka-platform")},
         Operands::None, {}, &PlanCommand::run, &PlanCommand::options},
        {s("run"), s("Run an upgrade headless, one line per event; resume, abort or roll back a stored run."),
         {s("--runbook FILE --version VERSION --inventory FILE (--product ID | --instances A,B) [options]"),
          s("--resume RUN [--resolve-interrupted ACTION [--kill-leftover] --reason TEXT | --abort | --emergency-rollback | --end-watch --reason TEXT] [options]")},
         s("Plans as `plan` does, runs the automated checks, applies --signoff flags (or asks when stdin is a "
           "terminal), refuses to start with an incomplete checklist, then prints one line per event. Approvals "
           "and manual steps come from flags or a prompt; without either the run is left waiting and the "
           "command names the question and says how to resume it. Inconclusive gates (no data, no verdict) "
           "always ask a person: --approve-waves approves only passed gates, --accept-inconclusive accepts "
           "inconclusive ones. A runbook with `watch:` keeps the run watching after its last wave (the time left "
           "is printed) and the command exits when the watch ends; --end-watch ends it early. A rollback that "
           "reaches a step nothing can undo stops: --confirm-restored INSTANCE=HOW (restored by hand) or "
           "--leave-unrestored INSTANCE=WHY answers it.\n\n"
           "Exit status: 0 succeeded, 1 failed or aborted, 2 usage error or refused, 3 rolled back, 4 waiting "
           "for an operator (an approval, a manual step, an inconclusive gate, an instance that needs restore, a "
           "paused or interrupted run: "
           "the question is printed; the run is stored and resumes with --resume), 5 the store refused a write "
           "(the run's state, a step's result or an audit record: the message names it; the run paused there "
           "and resumes with --resume once the store is writable)."),
         {s("lockstep-cli run --runbook platform-instance-upgrade.yaml --version 1.5.0 \\\n"
            "    --inventory fleet.yaml --product webwaka-platform \\\n"
            "    --signoff backup-verified=checked --approve-waves")},
         Operands::None, {}, &RunCommand::run, &RunCommand::options},
        {s("runs"), s("List the stored runs, newest first, one line each."),
         {s("[--limit N] [options]")},
         s("Prints each run's id, state, runbook, target version, operator and start time.\n\n"
           "Exit status: 0, or 2 when the store cannot be read."),
         {s("lockstep-cli runs --limit 10")},
         Operands::None, {}, &RunsCommand::run, &RunsCommand::options},
        {s("status"), s("Show one run: its state, the watch's time left, every step attempt, sign-offs and leases."),
         {s("RUN [options]")},
         s("Reads the run from the store; a step that started and has no result shows as interrupted, with the "
           "command that resolves it.\n\n"
           "Exit status: 0, or 2 when there is no such run or the store cannot be read."),
         {s("lockstep-cli status 42")},
         Operands::None, {}, &StatusCommand::run, &StatusCommand::options},
        {s("report"), s("Write the report of a stored run as PDF or HTML (change-management evidence)."),
         {s("RUN --pdf FILE [options]"), s("RUN --html FILE [options]")},
         s("Writes the same report the console exports: plan, checklist with sign-offs and evidence, every step "
           "with its outcome and output, rollbacks, the gates' decisions and the run's audit records with the "
           "audit chain's head. Runs without a display.\n\n"
           "Exit status: 0 written, 1 the run cannot be read or the file written, 2 usage error."),
         {s("lockstep-cli report 42 --pdf run-42.pdf")},
         Operands::None, {}, &ReportCommand::run, &ReportCommand::options},
        {s("signoff"), s("Sign off a checklist item of a stored run (e.g. the second of four eyes)."),
         {s("RUN --item ITEM [--comment TEXT] [--key KEY.pub [--principal NAME]] [options]"),
          s("RUN --item ITEM --request [--output FILE] [options]"),
          s("--sign REQUEST --key KEY.pub --principal NAME [--comment TEXT] [--output FILE]"),
          s("RUN --import FILE [--allowed-signers FILE] [options]")},
         s("Signs as the operator this console authenticated (the database role in team mode, else the OS "
           "account), or with your SSH key through ssh-agent (SSHSIG, checked against --allowed-signers). "
           "A second operator on another machine signs the file --request wrote with --sign; --import "
           "verifies that file and stores it. The same rules apply as in the run's own console (the "
           "runbook's signoff: rule; one operator and one key sign an item once).\n\n"
           "Exit status: 0 signed or written, 2 refused."),
         {s("lockstep-cli signoff 42 --item stakeholders --comment \"ops channel told\""),
          s("lockstep-cli signoff --sign req.json --key ~/.ssh/id_ed25519.pub --principal bob --output signed.json")},
         Operands::None, {}, &SignOffCommand::run, &SignOffCommand::options},
        {s("watch"), s("Print the store's changes as they happen (team mode: every console's)."),
         {s("[--run RUN] [--count N] [--for SECONDS] [options]")},
         s("Prints \"listening\" once subscribed, then one line per sign-off, step result, run state or lease "
           "change another console makes (PostgreSQL LISTEN/NOTIFY).\n\n"
           "Exit status: 0 after N events or the time, 2 refused."),
         {s("lockstep-cli watch --database postgresql://ops@db/lockstep --run 42")},
         Operands::None, {}, &WatchCommand::run, &WatchCommand::options},
        {s("audit"), s("Verify the audit log's hash chain against its anchored heads, anchor the head, or export it."),
         {s("verify [--database PATH|URL] [--expect-head HASH] [--witness-file FILE]"),
          s("verify --export FILE.json|FILE.csv [--expect-head HASH] [--witness-file FILE]"),
          s("anchor [--database PATH|URL] [--witness-file FILE] [--syslog-socket PATH|off] [--operator NAME]"),
          s("export [--database PATH|URL] [--format json|csv] [--output FILE]")},
         s("`verify` walks the chain, names the first broken record and compares the chain with every head its "
           "witnesses recorded (records cut from the end, a re-chained log); --expect-head compares the head with "
           "a hash kept elsewhere. `anchor` writes the head to the witnesses now (every `run` does at its end): "
           "the witness file, the system log and, in team mode, the audit_anchors table. `export` writes every "
           "record; `verify --export` checks such a file alone, against its own head.\n\n"
           "Exit status: 0 intact, exported or anchored everywhere, 1 chain broken or a witness failed, 2 usage "
           "or I/O error."),
         {s("lockstep-cli audit verify --expect-head 3f1c9a..."),
          s("lockstep-cli audit anchor --witness-file /var/lib/lockstep-witness/anchors.jsonl"),
          s("lockstep-cli audit export --format csv --output audit.csv")},
         Operands::Actions, {s("verify"), s("anchor"), s("export")}, &AuditCommand::run, &AuditCommand::options},
        {s("hosts"), s("Show hosts' SSH keys and trust them into known_hosts (audited)."),
         {s("scan TARGET... | --inventory FILE [--known-hosts FILE] [--config FILE | --no-config]"),
          s("trust TARGET [--fingerprint SHA256:...] [--yes] [--known-hosts FILE] [--config FILE | --no-config]"),
          s("trust --inventory FILE [--yes] [--known-hosts FILE] [--config FILE | --no-config]")},
         s("`scan` shows each host's key and whether known_hosts trusts it. `trust` shows the key and, once "
           "confirmed (--yes, --fingerprint, or \"y\" on a terminal), adds it to known_hosts and records it in "
           "the audit log (--database) in the name of the database role or the OS account. A CHANGED key is never trusted.\n\n"
           "Exit status: 0 all trusted, 1 otherwise, 2 on a usage error."),
         {s("lockstep-cli hosts scan --inventory fleet.yaml"),
          s("lockstep-cli hosts trust deploy@db-1:22")},
         Operands::Actions, {s("scan"), s("trust")}, &HostsCommand::run, &HostsCommand::options},
        {s("completion"), s("Print the shell completion script (bash)."),
         {s("bash")},
         s("The package installs it already; this is for a build run from its tree.\n\n"
           "Exit status: 0, or 2 for another shell."),
         {s("source <(lockstep-cli completion bash)")},
         Operands::Actions, {s("bash")}, &CliCompletion::run, &CliCompletion::options},
        {s("help"), s("Show the commands, or one command's usage, options and example."),
         {s("[COMMAND]")},
         s("`lockstep-cli COMMAND --help` shows the same.\n\n"
           "Exit status: 0, or 2 for an unknown command."),
         {s("lockstep-cli help run")},
         Operands::Actions, {}, &CliHelp::run, &CliHelp::options},
    };
}

} // namespace

const QList<CliCommand> &CliCommands::all()
{
    static const QList<CliCommand> commands = [] {
        QList<CliCommand> list = table();
        // `help`'s first word is any other command.
        for (CliCommand &command : list) {
            if (command.name == QLatin1String("help"))
                for (const CliCommand &other : table())
                    if (other.name != command.name)
                        command.actions << other.name;
        }
        return list;
    }();
    return commands;
}

const CliCommand *CliCommands::find(const QString &name)
{
    for (const CliCommand &command : all())
        if (command.name == name)
            return &command;
    return nullptr;
}

} // namespace lockstep
