import Foundation
import SocialAuditCore
#if canImport(Glibc)
import Glibc
#endif

public typealias DeliveryOutcome = MailOutcome

/// A way to hand a message on: an SMTP server or a sendmail-compatible command.
public enum MailTransport: Sendable {
    case smtp(host: String, port: Int)
    case sendmail(command: String)

    public var description: String {
        switch self {
        case let .smtp(host, port): "SMTP server \(host):\(port)"
        case let .sendmail(command): "the command '\(command)'"
        }
    }

    /// Why no message could be handed on this way, found without sending one (for `validate`):
    /// a sendmail command that is not an executable file, found as the delivery finds it, or an
    /// SMTP host that is neither a host name nor an IP address.
    public var problems: [String] {
        switch self {
        case let .sendmail(command):
            do {
                _ = try Sendmail.program(command)
                return []
            } catch {
                return [error.reason]
            }
        case let .smtp(host, _):
            // The port's range is the configuration reader's to check.
            guard !Self.isHost(host) else { return [] }
            return ["mail.smtp.host: '\(DisplayText.singleLine(host))' is not a host name or an IP address"]
        }
    }

    /// A host name as an address's domain is one (``MailAddress``), or an IPv6 address; an IPv4
    /// address is a host name of digits.
    static func isHost(_ host: String) -> Bool {
        if MailAddress.parsed("postmaster@\(host)") != nil { return true }
        var address = in6_addr()
        return inet_pton(AF_INET6, host, &address) == 1
    }
}

/// Delivers messages one by one: a temporary failure is retried with back-off, a permanent one is
/// reported for that message (or recipient) and the others still go.
public struct MailDelivery: Sendable {
    public var transport: MailTransport
    /// Waits between attempts after a temporary failure (seconds); one attempt more than entries.
    public var backoff: [Double]
    public var heloName: String

    public init(transport: MailTransport, backoff: [Double] = [1, 3], heloName: String? = nil) {
        self.transport = transport
        self.backoff = backoff
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, 255)
        let host = String(cString: name)
        let given = heloName ?? host
        // EHLO takes a host name: anything else (a line break, a space) would be a second command.
        self.heloName = MailAddress.parsed("postmaster@\(given)") != nil ? given : "localhost"
    }

    public func deliver(_ message: MailMessage) -> DeliveryOutcome {
        guard !message.recipients.isEmpty else {
            return DeliveryOutcome(message: message.report, recipients: [], outcome: .notSent,
                                   detail: "no recipients: the inventory gives no reportRecipients for it")
        }
        var attempt = 0
        while true {
            let result = attemptOnce(message)
            switch result {
            case let .done(outcome):
                return outcome
            case let .temporary(detail):
                if attempt >= backoff.count {
                    return DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .failed,
                                           detail: "\(detail) (gave up after \(attempt + 1) attempts)")
                }
                Thread.sleep(forTimeInterval: backoff[attempt])
                attempt += 1
            }
        }
    }

    enum Attempt {
        case done(DeliveryOutcome)
        case temporary(String)
    }

    func attemptOnce(_ message: MailMessage) -> Attempt {
        switch transport {
        case let .smtp(host, port):
            return SMTPSession.send(message, host: host, port: port, helo: heloName)
        case let .sendmail(command):
            return Sendmail.send(message, command: command)
        }
    }
}

/// A sendmail-compatible command: the message on its standard input, recipients from its headers (`-t`).
enum Sendmail {
    struct Refusal: Error {
        var reason: String
    }

    /// The command's program, as its first word names it (a bare name is looked for in PATH, as a
    /// shell would), and its arguments.
    static func program(_ command: String) throws(Refusal) -> (name: String, executable: URL, arguments: [String]) {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let name = words.first else { throw Refusal(reason: "mail.sendmail is empty") }
        let candidates: [String]
        if name.contains("/") {
            candidates = [name]
        } else {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            candidates = path.split(separator: ":").map { "\($0)/\(name)" }
        }
        var isFolder: ObjCBool = false
        guard let found = candidates.first(where: {
            FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && !isFolder.boolValue
                && FileManager.default.isExecutableFile(atPath: $0)
        }) else {
            let shown = DisplayText.singleLine(command, limit: 200)
            throw Refusal(reason: name.contains("/")
                ? "mail.sendmail '\(shown)' cannot run: \(DisplayText.singleLine(name, limit: 200)) is not an executable file"
                : "mail.sendmail '\(shown)' cannot run: no executable '\(DisplayText.singleLine(name, limit: 200))' in PATH")
        }
        return (name, URL(fileURLWithPath: found), Array(words.dropFirst()))
    }

    static func send(_ message: MailMessage, command: String) -> MailDelivery.Attempt {
        let process = Process()
        let program: String
        do {
            let resolved = try Self.program(command)
            program = resolved.name
            process.executableURL = resolved.executable
            process.arguments = resolved.arguments
        } catch {
            return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .failed,
                                         detail: error.reason))
        }
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .failed,
                                         detail: "cannot run '\(command)': \(error.localizedDescription)"))
        }
        // Sendmail reads LF line ends on its standard input.
        let text = String(decoding: message.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        // A command that exits without reading (a wrong path to a script, `false`) closes the pipe:
        // that is its exit status's to report, not a reason to stop.
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let said = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch process.terminationStatus {
        case 0:
            return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .delivered,
                                         detail: "handed to '\(program)'"))
        case 75:  // EX_TEMPFAIL
            return .temporary("'\(program)' failed for now (exit 75)\(said.isEmpty ? "" : ": \(said)")")
        default:
            return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .failed,
                                         detail: "'\(program)' exited \(process.terminationStatus)\(said.isEmpty ? "" : ": \(said)")"))
        }
    }
}

/// A minimal SMTP client (RFC 5321) over a TCP socket: EHLO (HELO when refused), MAIL FROM,
/// RCPT TO per recipient, DATA, QUIT.
///
/// Written by hand because no SMTP library is among the packages available here; it is kept to
/// the commands above, and tested against a real server. It speaks plain SMTP only: for a relay
/// that requires TLS or authentication, use `mail.sendmail` with a command that does both (for
/// example msmtp), which is also the tool's default route.
enum SMTPSession {
    static func send(_ message: MailMessage, host: String, port: Int, helo: String) -> MailDelivery.Attempt {
        let connection: SMTPConnection
        do {
            connection = try SMTPConnection(host: host, port: port)
        } catch {
            return .temporary("the mail server \(host):\(port) could not be reached: \(error.localizedDescription)")
        }
        defer { connection.close() }
        func fail(_ reply: SMTPReply, _ what: String) -> MailDelivery.Attempt {
            let detail = "\(what): the server said \(reply.code) \(reply.text)"
            if reply.code >= 400 && reply.code < 500 { return .temporary(detail) }
            return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .failed, detail: detail))
        }
        do {
            let greeting = try connection.reply()
            guard greeting.code == 220 else { return fail(greeting, "greeting") }
            var hello = try connection.command("EHLO \(helo)")
            if hello.code != 250 { hello = try connection.command("HELO \(helo)") }
            guard hello.code == 250 else { return fail(hello, "HELO") }
            guard let sender = MailAddress.parsed(message.from) else {
                return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .failed,
                                             detail: "the sender is not an e-mail address"))
            }
            let mailFrom = try connection.command("MAIL FROM:<\(sender.addrSpec)>")
            guard mailFrom.code == 250 else { return fail(mailFrom, "MAIL FROM") }
            let (accepted, refused, temporary) = try recipients(message.recipients, connection)
            if accepted.isEmpty {
                _ = try? connection.command("QUIT")
                if !temporary.isEmpty && refused.isEmpty { return .temporary("every recipient was deferred: " + temporary.joined(separator: "; ")) }
                return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .failed,
                                             detail: "every recipient was refused: " + (refused + temporary).joined(separator: "; ")))
            }
            let data = try connection.command("DATA")
            guard data.code == 354 else { return fail(data, "DATA") }
            try connection.write(dotStuffed(message.bytes) + Array(".\r\n".utf8))
            let end = try connection.reply()
            guard end.code == 250 else { return fail(end, "end of data") }
            _ = try? connection.command("QUIT")
            let notTaken = refused + temporary
            if notTaken.isEmpty {
                return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .delivered,
                                             detail: "accepted by \(host):\(port): \(end.code) \(end.text)"))
            }
            return .done(DeliveryOutcome(message: message.report, recipients: message.recipients, outcome: .partial,
                                         detail: "delivered to \(accepted.joined(separator: ", ")); not to " + notTaken.joined(separator: "; "),
                                         failedRecipients: message.recipients.filter { !accepted.contains($0) }))
        } catch {
            return .temporary("the conversation with \(host):\(port) broke off: \(error.localizedDescription)")
        }
    }

    /// RCPT TO for each recipient: the envelope takes addr-specs from parsed addresses only, so a
    /// value that is not one address never becomes (part of) a command.
    static func recipients(_ recipients: [String], _ connection: SMTPConnection) throws -> (accepted: [String], refused: [String], temporary: [String]) {
        var accepted: [String] = [], refused: [String] = [], temporary: [String] = []
        for recipient in recipients {
            guard let address = MailAddress.parsed(recipient) else {
                refused.append("a recipient that is not an e-mail address (not sent to the server)")
                continue
            }
            let reply = try connection.command("RCPT TO:<\(address.addrSpec)>")
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient)
            } else if reply.code >= 400 && reply.code < 500 {
                temporary.append("\(recipient) (\(reply.code) \(reply.text))")
            } else {
                refused.append("\(recipient) (\(reply.code) \(reply.text))")
            }
        }
        return (accepted, refused, temporary)
    }

    /// Lines that begin with a dot get one more (RFC 5321 §4.5.2); the message ends with CRLF.
    static func dotStuffed(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var atLineStart = true
        for byte in bytes {
            if atLineStart && byte == UInt8(ascii: ".") { out.append(byte) }
            out.append(byte)
            atLineStart = byte == 0x0A
        }
        if Array(out.suffix(2)) != [0x0D, 0x0A] { out += [0x0D, 0x0A] }
        return out
    }
}

struct SMTPReply {
    var code: Int
    var text: String
}

struct SMTPError: Error, LocalizedError {
    var message: String
    var errorDescription: String? { message }
}

/// A TCP connection with line-oriented reads, and timeouts so a silent server cannot hang a run.
final class SMTPConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []

    init(host: String, port: Int, timeout: Int = 30) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw SMTPError(message: "cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var tv = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    socket = fd
                    return
                }
                lastError = String(cString: strerror(errno))
                Glibc.close(fd)
            }
            candidate = info.pointee.ai_next
        }
        throw SMTPError(message: lastError)
    }

    func close() {
        Glibc.close(socket)
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw SMTPError(message: "cannot send: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// One command line; one holding a CR or LF is refused unsent, as it would be two commands.
    func command(_ line: String) throws -> SMTPReply {
        guard !line.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else {
            throw SMTPError(message: "a command with a line break in it was not sent")
        }
        try write(Array((line + "\r\n").utf8))
        return try reply()
    }

    /// One reply, possibly multi-line (`250-…` lines, then `250 …`).
    func reply() throws -> SMTPReply {
        var texts: [String] = []
        while true {
            let line = try readLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPError(message: "the server answered something that is not SMTP: \(line.prefix(80))")
            }
            texts.append(String(line.dropFirst(4)))
            if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" {
                return SMTPReply(code: code, text: texts.joined(separator: " "))
            }
        }
    }

    private func readLine() throws -> String {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = recv(socket, &chunk, chunk.count, 0)
            if count <= 0 {
                throw SMTPError(message: count == 0 ? "the server closed the connection" : "no answer: \(String(cString: strerror(errno)))")
            }
            buffer += chunk[..<count]
        }
    }
}
