import Foundation

/// The longer help of the commands whose work is this library's: what they write, read and
/// exit with, kept beside the code that does it so that the two change together.
public enum CommandHelp {
    public static let run = """
        Reads each archive in the archives folder (a .zip from Twitter/X or the folder it extracts to), \
        matches it to the inventory, runs the rule pass of its tier and writes the reports under --out.

        Writes OUT/index.html (the district), OUT/schools/<id>/index.html (each school), \
        findings.csv, findings.json, run.json and OUT/mail/*.eml (sent with --mail), and prints a \
        short summary. The state file remembers earlier runs: findings are new, open, suppressed \
        (by the review file) or resolved, and archives unchanged since the last run are not \
        parsed again (--full parses them all).

        Inputs that cannot be used stop the run with exit 2 before anything is written. Outputs \
        are replaced whole: a failed or killed run leaves the previous run's files and state as \
        they were, or the new ones together. OUT must be new, empty or a tree socialaudit wrote \
        (it holds .socialaudit-output), and apart from the archives, the templates, the state and \
        the configuration; else the run exits 2. Another run on the same state file (by any path) \
        makes this one exit 3.

        A finding is resolved only when its account's data was read again and the finding is \
        gone: an account whose archive is missing or unreadable keeps its findings open, marked \
        "not re-checked since" the day it was last read. An archives folder that is missing, \
        empty or holds fewer than policy.minArchiveShare (default 0.5) of the archives the last \
        run had stops the run with exit 4, nothing written (--accept-shrink audits it anyway).

        With --mail, a summary that does not reach one of its recipients makes the run exit 5 \
        (the reports and state are written; `socialaudit mail` sends again); a --fail-on that \
        matches makes it exit 1. Under --quiet the run ends with one line saying what it read, \
        what it found and its exit code.

        Nightly, from cron:  socialaudit run --config /srv/socialaudit/socialaudit.json --quiet --mail
        """

    public static let validate = """
        Reads the configuration (--config, else ./socialaudit.json when it exists), the inventory \
        (JSON or XML, checked against its schema) and the student roster, and prints a short summary: \
        schools, people by role, accounts by tier, students, and how the archives match the inventory, \
        naming each archive whose account cannot be read. Then checks what `run` reads with the same \
        options: the archives folder, the review file, the templates, the state file, and the mail \
        route of --mail (the sendmail command must be an executable file, found through PATH; the SMTP \
        host a host name or an IP address). Every problem is listed with its file and place \
        (line and column, or JSON path); a school or district that gives no reportRecipients is a \
        warning.

        Exit status: 0 when the inputs are usable (problems that become findings are listed, not \
        fatal): `run` with the same options then does not stop on its inputs; 2 when they are not. \
        Nothing is written and no mail is sent.
        """

    public static let mail = """
        Sends OUT/mail/*.eml, written by the last `run`, through the configured transport: \
        mail.smtp when it is given, else the mail.sendmail command (default /usr/sbin/sendmail -t -oi). \
        A temporary failure is retried with back-off; a refused message or recipient is reported and \
        the others still go. --dry-run shows what would be sent to whom and sends nothing.

        Exit status: 0 every summary was delivered (or had no recipients), 2 no summaries to send \
        or an unusable configuration, 5 some summary did not reach a recipient (each one named on \
        standard error and in run.json's failedRecipients).
        """
}
