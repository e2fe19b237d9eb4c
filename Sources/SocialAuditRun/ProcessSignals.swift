import Foundation

public enum ProcessSignals {
    /// A run must stop when it is told to (cron's timeouts, systemd, an operator's kill): undo a
    /// blocked or ignored SIGTERM, SIGINT or SIGHUP inherited from whoever started us. Outputs and
    /// state are replaced whole, so stopping anywhere leaves the previous ones. A pipe closed early
    /// (a sendmail command that exits without reading, `| head`) is an error of that write, said
    /// where it happens, not a signal that kills the run unlogged.
    public static func prepareForRun() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            sigaddset(&signals, signal)
            Foundation.signal(signal, SIG_DFL)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        Foundation.signal(SIGPIPE, SIG_IGN)
    }
}
