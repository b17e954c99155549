import Foundation

/// The framing of one record in a segment: a JSON object whose first member is the CRC-32 of the
/// rest, so a torn or damaged line is recognised while the file stays plain JSON Lines for jq.
enum HistoryLine {
    /// `{"crc32":"` — the checksum's 8 hex digits follow, then `",` and the record's members.
    private static let prefix = Array(#"{"crc32":""#.utf8)
    private static let headerLength = prefix.count + 8 + 2

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        // Sorted members make a record's line the same bytes every time; slashes are left alone so
        // URLs stay readable and a plain text search over the raw line finds them.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[HistoryRecord.omitsLeadingMembers] = true
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }()

    private static let secondsFormat = Date.ISO8601FormatStyle()
    private static let fractionFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Times are kept to the millisecond, the precision written to disk.
    static func millisecondPrecision(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// ISO 8601 UTC with exactly three fraction digits, from whole milliseconds (formatting the
    /// Double would truncate 0.123 stored as 0.12299… to .122).
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let adjusted = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let whole = Date(timeIntervalSince1970: Double(adjusted.0)).formatted(secondsFormat)
        return whole.dropLast() + String(format: ".%03lldZ", adjusted.1)
    }

    static func parseTime(_ text: String) -> Date? {
        if let date = parseWrittenTime(text) { return date }
        guard let date = (try? fractionFormat.parse(text)) ?? (try? secondsFormat.parse(text)) else { return nil }
        return millisecondPrecision(date)
    }

    /// The shape `format` writes, `YYYY-MM-DDTHH:MM:SS.mmmZ`, read by hand: Foundation's ISO 8601
    /// parser took most of the time of decoding a record, and a search may decode thousands.
    private static func parseWrittenTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millisecond = number(20..<23),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        // Days from 1970-01-01 to the date (the proleptic Gregorian calendar, Howard Hinnant's days_from_civil).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let milliseconds = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The line for `record`, newline included: `id` and `time` first, at fixed places, so that
    /// lookups by id and pruning by age read them without decoding the line.
    static func encode(_ record: HistoryRecord) throws(PorticoError) -> Data {
        let rest: Data
        do { rest = try encoder.encode(record) } catch {
            throw .input("cannot encode a history record: \(error)")
        }
        guard rest.first == UInt8(ascii: "{"), rest.count > 2, record.id.utf8.count == 16, record.id.allSatisfy(\.isHexDigit) else {
            throw .input("cannot encode a history record: unexpected JSON or id")
        }
        var payload = Data(#"{"id":"\#(record.id)","time":"\#(format(record.time))","#.utf8)
        payload.append(rest.dropFirst())
        var line = Data(prefix)
        line.append(contentsOf: String(format: "%08x", CRC32.checksum(payload)).utf8)
        line.append(contentsOf: Array("\",".utf8))
        line.append(payload.dropFirst())
        line.append(UInt8(ascii: "\n"))
        return line
    }

    enum Damage: Error, Equatable {
        case checksum
        case json(String)
    }

    /// Checks and decodes one line (without its newline).
    static func decode(_ line: UnsafeRawBufferPointer) -> Result<HistoryRecord, Damage> {
        guard verify(line) else { return .failure(.checksum) }
        do {
            // The checksum member is valid JSON too: the whole line is parsed as it stands.
            let json = try JSONValue.parse(Data(line))
            return .success(try HistoryRecord(reading: json))
        } catch let error as JSONValue.ParseError {
            return .failure(.json(error.message))
        } catch let error as HistoryRecord.ReadError {
            return .failure(.json(error.message))
        } catch {
            return .failure(.json(String(describing: error)))
        }
    }

    private static let openingBraceChecksum = CRC32.checksum(Data("{".utf8))

    /// Whether the line's checksum matches its content.
    static func verify(_ line: UnsafeRawBufferPointer) -> Bool {
        guard line.count > headerLength + 1, line.starts(with: prefix),
              line[headerLength - 2] == UInt8(ascii: "\""), line[headerLength - 1] == UInt8(ascii: ","),
              let stored = UInt32(String(decoding: UnsafeRawBufferPointer(rebasing: line[prefix.count..<(prefix.count + 8)]), as: UTF8.self), radix: 16)
        else { return false }
        // The checksum covers "{" followed by everything after the crc32 member.
        let crc = CRC32.continuing(openingBraceChecksum, UnsafeRawBufferPointer(rebasing: line[headerLength...]))
        return crc == stored
    }

    /// The record id of a line, read at its fixed place (`{"crc32":"…","id":"` + 16 hex digits)
    /// without decoding the rest.
    static func id(of line: UnsafeRawBufferPointer) -> Substring? {
        let idStart = headerLength + #""id":""#.utf8.count
        guard line.count >= idStart + 16 else { return nil }
        return Substring(String(decoding: UnsafeRawBufferPointer(rebasing: line[idStart..<(idStart + 16)]), as: UTF8.self))
    }
}
