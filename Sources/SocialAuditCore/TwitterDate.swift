import Foundation

/// Parses the date formats that Twitter/X archives use, always in UTC:
///
/// - Twitter's own: `Wed Oct 10 20:19:24 +0000 2018` (tweets' `created_at`);
/// - ISO 8601, with or without milliseconds: `2022-11-14T17:25:17.171Z` (DMs, account, manifest);
/// - the Grailbird archives' `2010-04-01 00:00:00 +0000`;
/// - a bare day `2026-11-01`;
/// - milliseconds since 1970 in a string, `"1534138567670"` (DMs and `account.js` of 2018–2019 archives).
///
/// Written by hand rather than with `DateFormatter`: the formats are fixed and English, a
/// formatter with the machine's locale gets month names wrong, and this runs once per tweet
/// in archives of hundreds of thousands of tweets, where a formatter is slow.
public enum TwitterDate {
    public static func parse(_ text: String) -> Date? {
        // The string's own bytes (a string read from an archive is stored as UTF-8): no copy per tweet.
        var text = text
        return text.withUTF8 { utf8 in
            var count = utf8.count
            while count > 0, utf8[count - 1] == 0x20 { count -= 1 }
            return parse(bytes: UnsafeBufferPointer(rebasing: utf8[..<count]))
        }
    }

    /// Parses from UTF-8 bytes.
    public static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 10 else { return nil }
        if isDigit(b[0]) {
            return b[4] == 0x2D ? parseNumeric(b) : parseEpochMilliseconds(b)
        }
        return parseTwitter(b)
    }

    // `Wed Oct 10 20:19:24 +0000 2018`
    private static func parseTwitter(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count == 30, b[3] == 0x20, b[7] == 0x20, b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A,
              b[19] == 0x20, b[25] == 0x20 else { return nil }
        guard let month = monthNumber(b[4], b[5], b[6]),
              let day = number(b, 8, 2), let hour = number(b, 11, 2), let minute = number(b, 14, 2),
              let second = number(b, 17, 2), let offset = zoneOffset(b, 20), let year = number(b, 26, 4)
        else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                    fraction: 0, offsetSeconds: offset)
    }

    // `2022-11-14T17:25:17.171Z`, `2022-11-14T17:25:17Z`, `2022-11-14T17:25:17+00:00`,
    // `2010-04-01 00:00:00 +0000`, `2026-11-01`.
    private static func parseNumeric(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b[4] == 0x2D, b[7] == 0x2D, let year = number(b, 0, 4), let month = number(b, 5, 2),
              let day = number(b, 8, 2) else { return nil }
        if b.count == 10 {
            return make(year: year, month: month, day: day, hour: 0, minute: 0, second: 0, fraction: 0, offsetSeconds: 0)
        }
        guard b.count >= 19, b[10] == 0x54 || b[10] == 0x20, b[13] == 0x3A, b[16] == 0x3A,
              let hour = number(b, 11, 2), let minute = number(b, 14, 2), let second = number(b, 17, 2)
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var scale = 0.1
            while i < b.count, isDigit(b[i]) {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
        }
        while i < b.count, b[i] == 0x20 { i += 1 }
        var offset = 0
        if i < b.count {
            if b[i] == 0x5A, i == b.count - 1 {
                offset = 0
            } else if let parsed = zoneOffset(b, i), zoneEnd(b, i) == b.count {
                offset = parsed
            } else {
                return nil
            }
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                    fraction: fraction, offsetSeconds: offset)
    }

    // `1534138567670`: eleven to fifteen digits (1973 to 33658), so that no other number is taken for one.
    private static func parseEpochMilliseconds(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard (11...15).contains(b.count), let milliseconds = number(b, 0, b.count) else { return nil }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `+0000`, `-0500` or `+05:30` at `i`.
    private static func zoneOffset(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i + 5 <= b.count, b[i] == 0x2B || b[i] == 0x2D else { return nil }
        let sign = b[i] == 0x2D ? -1 : 1
        guard let hours = number(b, i + 1, 2) else { return nil }
        let minuteStart = (i + 3 < b.count && b[i + 3] == 0x3A) ? i + 4 : i + 3
        guard let minutes = number(b, minuteStart, 2) else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    private static func zoneEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        (i + 3 < b.count && b[i + 3] == 0x3A) ? i + 6 : i + 5
    }

    private static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                             fraction: Double, offsetSeconds: Int) -> Date? {
        // The day is checked against its month, so `2026-02-30` is refused rather than read as 2 March.
        guard (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day), (0...23).contains(hour),
              (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// The days of `month` (1–12) in the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for i in start..<(start + count) {
            guard isDigit(b[i]) else { return nil }
            value = value * 10 + Int(b[i] - 0x30)
        }
        return value
    }

    private static func monthNumber(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
        // Case-insensitive three-letter English month names, compared as one number (every tweet
        // has a date: no string is made for it).
        let key = UInt32(a | 0x20) << 16 | UInt32(b | 0x20) << 8 | UInt32(c | 0x20)
        let months: [UInt32] = [0x6A616E, 0x666562, 0x6D6172, 0x617072, 0x6D6179, 0x6A756E,
                                0x6A756C, 0x617567, 0x736570, 0x6F6374, 0x6E6F76, 0x646563]
        guard let index = months.firstIndex(of: key) else { return nil }
        return index + 1
    }

    /// `2024-03-05T14:07:00Z`: the UTC form the reports and CSV use.
    public static func iso8601(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (y, m, d) = civilFromDays(days)
        guard (0...9999).contains(y) else {
            func pad(_ v: Int, _ w: Int) -> String {
                let s = String(v)
                return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
            }
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2)):\(pad(rest % 60, 2))Z"
        }
        // Written straight into the string's twenty bytes: reports format every finding's time
        // several times (an array first, then the string, was two allocations each).
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var v = value
                for k in stride(from: at + width - 1, through: at, by: -1) {
                    out[k] = 0x30 + UInt8(v % 10)
                    v /= 10
                }
            }
            put(y, 0, 4); out[4] = 0x2D; put(m, 5, 2); out[7] = 0x2D; put(d, 8, 2); out[10] = 0x54
            put(rest / 3600, 11, 2); out[13] = 0x3A; put(rest % 3600 / 60, 14, 2); out[16] = 0x3A; put(rest % 60, 17, 2); out[19] = 0x5A
            return 20
        }
    }

    /// `2024-03-05`: the UTC day.
    public static func day(_ date: Date) -> String { String(iso8601(date).prefix(10)) }

    /// The inverse of ``daysFromCivil(year:month:day:)``.
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
