import Foundation
import Yams

/// A compliance team's approved-claims library (docs/adoption.md): wording that medical-legal
/// review has approved, each entry with the reference that substantiates it.
///
/// ```yaml
/// version: 1
/// claims:
///   - id: tms-depression-1
///     text: TMS therapy may reduce symptoms of depression in adults who have not responded to medication.
///     reference: "O'Reardon JP et al. Biol Psychiatry 2007;62:1208-16"
///     approved-by: Medical-legal review board
///     approved-on: 2025-03-14
///     expires: 2026-03-14          # optional
///     paths: ["services/tms/**"]   # optional: globs, relative to this file's folder, where it may be used
/// ```
public struct ApprovedClaims: Sendable {
    public static let formatVersion = 1

    public struct Entry: Sendable, Equatable {
        public var id: String
        public var text: String
        public var reference: String
        public var approvedBy: String
        public var approvedOn: CalendarDate
        public var expires: CalendarDate?
        public var paths: [String]
        /// The normalised words of `text`.
        public var words: [String]
        /// The words joined by single spaces: the form an exact match is looked up in.
        var key: String
        public var location: RuleLocation
    }

    public let file: String
    public let entries: [Entry]
    /// Absolute folder of the library file: `paths` are relative to it.
    let folder: String
    let index: ApprovedClaimIndex
    /// What the index said of each sentence seen, shared by every file of the run: sites repeat
    /// their sentences (boilerplate, a claim on every service page).
    let matches = SentenceMatches()
    /// The index's working memory, one per worker thread at a time.
    let scratches: ScratchPool

    init(file: String, entries: [Entry], workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.file = file
        self.entries = entries
        folder = (Baseline.absolute(file, in: workingDirectory) as NSString).deletingLastPathComponent
        index = ApprovedClaimIndex(entries.map(\.words), keys: entries.map(\.key))
        scratches = ScratchPool(index)
    }

    static let keys: Set<String> = ["id", "text", "reference", "approved-by", "approved-on", "expires", "paths"]

    /// Reads a library file, on a thread of its own (see `Loading`), and waits for it.
    public static func load(file: String) throws -> ApprovedClaims {
        try Loading(file: file).wait()
    }

    /// A library file being read on a thread of its own, so that the caller can go on preparing
    /// the run (a 5,000-entry library takes as long to read as the rules, the configuration and
    /// the file walk together) and wait only when the library is needed. Its own thread, too,
    /// because glibc gives each thread its own malloc arena, and the parse leaves the heap it used
    /// fragmented, which made every later allocation of the thread that parsed slower: it showed
    /// as 3% more time in malloc over the 20 MB benchmark with a 5,000-entry library.
    public final class Loading: @unchecked Sendable {
        public let file: String
        // Written once by the loading thread before `done` is signalled, read after waiting for it.
        private var result: Result<ApprovedClaims, Error> = .failure(RulesError(file: "", message: "not loaded"))
        private let done = DispatchSemaphore(value: 0)
        private let waited = NSLock()
        private var finished = false

        public init(file: String) {
            self.file = file
            let thread = Thread { [self] in
                result = Result { try ApprovedClaims.load(yaml: try RuleSource.readText(file), file: file) }
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        /// The library, or the error that reading it met (a `RulesError` naming the file).
        public func wait() throws -> ApprovedClaims {
            waited.lock()
            if !finished {
                done.wait()
                finished = true
            }
            waited.unlock()
            return try result.get()
        }
    }

    /// Reads a library; unknown keys, missing fields, bad dates and duplicate ids are errors with file:line:column.
    /// A library in the usual shape is read without Yams (`ApprovedClaimsFastReader`, the same
    /// entries); any other, and any with a mistake, is read by Yams, which says where the mistake is.
    public static func load(yaml: String, file: String) throws -> ApprovedClaims {
        let entries = try ApprovedClaimsFastReader.read(yaml, file: file) ?? yamsEntries(yaml: yaml, file: file)
        return ApprovedClaims(file: file, entries: entries)
    }

    /// The entries as Yams reads them, every check with its file:line:column.
    static func yamsEntries(yaml: String, file: String) throws -> [Entry] {
        let reader = YAMLReader(file: file)
        guard let root = try reader.root(of: yaml) else {
            throw RulesError(file: file, message: "the approved-claims file is empty")
        }
        let top = try reader.entries(root, allowed: ["version", "claims"], what: "the approved-claims file")
        try RulesLoader.checkVersion(top, root: root, reader: reader)
        guard let claimsNode = top.first(where: { $0.key == "claims" })?.value else {
            throw reader.error(root, "missing 'claims:'")
        }
        guard let sequence = claimsNode.sequence else { throw reader.error(claimsNode, "claims must be a list") }
        var seen: Set<String> = []
        var exact: [String: String] = [:]
        let entries = try sequence.map { node -> Entry in
            let fields = try reader.entries(node, allowed: keys, what: "an approved claim")
            func required(_ key: String) throws -> Node {
                guard let value = fields.first(where: { $0.key == key })?.value else {
                    let id = fields.first(where: { $0.key == "id" })?.value.scalar?.string
                    throw reader.error(node, "approved claim \(id.map { "'\($0)' " } ?? "")is missing '\(key)'")
                }
                return value
            }
            let idNode = try required("id")
            let id = try reader.nonEmptyString(idNode, "id")
            guard seen.insert(id).inserted else { throw reader.error(idNode, "duplicate approved claim id '\(id)'") }
            let textNode = try required("text")
            let text = try reader.nonEmptyString(textNode, "text")
            let (words, key) = ClaimWords.wordsAndKey(text)
            guard !words.isEmpty else { throw reader.error(textNode, "text has no words") }
            if let other = exact[key] {
                throw reader.error(textNode, "approved claim '\(id)' has the same wording as '\(other)'")
            }
            exact[key] = id
            var entry = Entry(
                id: id, text: text,
                reference: try reader.nonEmptyString(try required("reference"), "reference"),
                approvedBy: try reader.nonEmptyString(try required("approved-by"), "approved-by"),
                approvedOn: try date(try required("approved-on"), "approved-on", reader),
                expires: nil, paths: [], words: words, key: key, location: reader.location(node)
            )
            for (key, _, value) in fields {
                switch key {
                case "expires": entry.expires = try date(value, key, reader)
                case "paths": entry.paths = try reader.strings(value, key)
                default: break
                }
            }
            if let expires = entry.expires, expires < entry.approvedOn {
                throw reader.error(
                    fields.first { $0.key == "expires" }?.value,
                    "expires \(expires) is before approved-on \(entry.approvedOn)")
            }
            return entry
        }
        return entries
    }

    private static func date(_ node: Node, _ what: String, _ reader: YAMLReader) throws -> CalendarDate {
        let text = try reader.nonEmptyString(node, what)
        guard let date = CalendarDate(text) else {
            throw reader.error(node, "\(what) must be a date written YYYY-MM-DD, not '\(text)'")
        }
        return date
    }

    /// May the entry be used in this file (a path as the run names it)?
    func allows(_ entry: Entry, in path: String) -> Bool {
        guard !entry.paths.isEmpty else { return true }
        guard path != "-" else { return false }
        let relative = Baseline.relative(
            Baseline.absolute(path, in: FileManager.default.currentDirectoryPath), to: folder)
        return entry.paths.contains { Glob.matches($0, relative) }
    }
}

/// A day, as the library writes it (`2025-03-14`), compared as a day: no time zones.
public struct CalendarDate: Sendable, Comparable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(_ text: String) {
        let year: Int
        let month: Int
        let day: Int
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), let y = digits(0..<4),
            let m = digits(5..<7), let d = digits(8..<10)
        {
            // Digits only: what the general reading below gives, without splitting the text.
            (year, month, day) = (y, m, d)
        } else {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
            else { return nil }
            (year, month, day) = (y, m, d)
        }
        guard (1...12).contains(month) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Today in UTC.
    public static func today(_ now: Date = Date()) -> CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now)
        return CalendarDate(String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1))!
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
}

extension ApprovedClaims {
    static let variantRule = "approved-claim-variant"
    static let expiredRule = "approved-claim-expired"
    static let outsidePathsRule = "approved-claim-outside-paths"

    /// What the library says of one sentence that holds a claim.
    private enum Verdict {
        case none
        case approved(Int)
        /// One of the library's own findings, in place of the sentence's claim findings.
        case flagged(rule: Flag, detail: String)
    }

    /// What a replacement finding takes from its rule (not the whole rule, copied for every
    /// finding; a class, so that taking it is one retain).
    final class Replacement: Sendable {
        let id: String
        let kind: Rule.Kind
        let category: String
        let severity: Severity
        let fix: String
        let message: String

        init(_ rule: Rule) {
            (id, kind, category, severity, fix, message) =
                (rule.id, rule.kind, rule.category, rule.severity, rule.fix, rule.message)
        }
    }

    /// The library's rules as a rule set has them, by `Flag` (nil where it turned one off):
    /// looked up once per linter, not once per page.
    struct ApprovalRules: Sendable {
        let byFlag: [Replacement?]

        init(_ ruleSet: RuleSet) {
            byFlag = Flag.allCases.map { flag in ruleSet.rule(withID: flag.ruleID).map(Replacement.init) }
        }
    }

    /// The library's own rules.
    enum Flag: Int, CaseIterable {
        case variant, expired, outsidePaths

        var ruleID: String {
            switch self {
            case .variant: ApprovedClaims.variantRule
            case .expired: ApprovedClaims.expiredRule
            case .outsidePaths: ApprovedClaims.outsidePathsRule
            }
        }
    }

    /// The file's claim and statistic findings checked against the library: an approved sentence's
    /// findings are marked approved; a near variant, an expired entry or an entry used outside its
    /// paths replaces the sentence's findings with one finding of its own rule (which names the
    /// rules it stands for). Where the rule set has turned that rule off, the findings stay as they were.
    /// In place: only the findings the library speaks of are touched (copying every finding of
    /// every page into a new list was most of what a library cost a site with many variants).
    func apply(to file: inout FileReport, ruleSet: RuleSet, today: CalendarDate) {
        apply(to: &file, rules: ApprovalRules(ruleSet), today: today)
    }

    func apply(to file: inout FileReport, rules: ApprovalRules, today: CalendarDate) {
        guard !entries.isEmpty,
            file.findings.contains(where: { $0.counts && ($0.kind == .claim || $0.kind == .statistic) })
        else { return }
        let scratch = scratches.take()
        defer { scratches.give(scratch) }
        // The sentence the previous claim finding was in, what the library said of it, and the
        // finding that speaks for the sentence's claims when the library flagged it.
        var previous: (sentence: QuotedText, verdict: Verdict, replacement: Int?)?
        // Findings folded into their sentence's replacement, dropped at the end, in order.
        var folded: [Int] = []
        for position in file.findings.indices {
            // Field by field: `counts` would copy the whole finding to read its status.
            guard file.findings[position].status == nil,
                file.findings[position].kind == .claim || file.findings[position].kind == .statistic
            else { continue }
            // Compared as quoted bytes: findings of one sentence share them, so no string is made
            // for them, nor for the next sentence, which differs.
            let sentence = file.findings[position].quotedSentence
            if !(previous?.sentence.quotesSameBytes(as: sentence) ?? false) {
                previous = (sentence, self.verdict(sentence, path: file.path, today: today, scratch: scratch), nil)
            }
            switch previous!.verdict {
            case .none:
                continue
            case .approved(let index):
                file.findings[position].status = .approved(id: entries[index].id, reference: entries[index].reference)
            case .flagged(let flag, let detail):
                guard let rule = rules.byFlag[flag.rawValue] else { continue }
                if let replacement = previous!.replacement {
                    // The same sentence: one finding speaks for all its claims.
                    file.findings[replacement].message += ", " + file.findings[position].ruleID
                    folded.append(position)
                    continue
                }
                previous!.replacement = position
                let foundBy = file.findings[position].ruleID
                file.findings[position].ruleID = rule.id
                file.findings[position].kind = rule.kind
                file.findings[position].category = rule.category
                file.findings[position].severity = rule.severity
                file.findings[position].fix = rule.fix
                // One allocation, not one per piece: this is most of what a variant costs.
                var message = ""
                message.reserveCapacity(rule.message.utf8.count + detail.utf8.count + foundBy.utf8.count + 11)
                message += rule.message
                message += " "
                message += detail
                message += " Found by: "
                message += foundBy
                file.findings[position].message = message
            }
        }
        guard !folded.isEmpty else { return }
        // The rest moved up in order, and the folded ones, now at the end, dropped. Through a
        // buffer pointer, whose swaps move findings bit for bit: the array's own copy them.
        file.findings.withUnsafeMutableBufferPointer { findings in
            var next = 0
            var kept = 0
            for position in findings.indices {
                if next < folded.count, folded[next] == position {
                    next += 1
                    continue
                }
                if kept != position { findings.swapAt(kept, position) }
                kept += 1
            }
        }
        file.findings.removeLast(folded.count)
    }

    private func verdict(
        _ sentence: QuotedText, path: String, today: CalendarDate, scratch: ApprovedClaimIndex.Scratch
    ) -> Verdict {
        let match = matches.match(sentence) { sentence in
            let (key, words) = ClaimWords.keyAndWordRanges(sentence)
            if let index = index.exactMatch(key) { return .exact(index) }
            return index.nearVariant(key: key, words: words, scratch: scratch).map { variant in
                // Worded once per sentence, not once per page that repeats it, into one buffer
                // (a dozen appends to a string, each checking and growing it, cost more than the search).
                var detail = ByteRoom(capacity: 256)
                detail.append("It differs from approved claim '")
                detail.append(entries[variant.entry].id)
                detail.append("'")
                appendPlace(entries[variant.entry].location, to: &detail)
                detail.append(": ")
                WordDiff.describe(variant.changes, into: &detail)
                detail.append(".")
                return .variant(variant.entry, detail.string)
            } ?? .none
        }
        switch match {
        case .none:
            return .none
        case .exact(let index):
            return verdict(exact: index, path: path, today: today)
        case .variant(_, let detail):
            return .flagged(rule: .variant, detail: detail)
        }
    }

    private func verdict(exact index: Int, path: String, today: CalendarDate) -> Verdict {
        let entry = entries[index]
        if let expires = entry.expires, expires < today {
            return .flagged(
                rule: .expired, detail: "Approved claim '\(entry.id)' expired on \(expires)\(place(entry)).")
        }
        if !allows(entry, in: path) {
            return .flagged(
                rule: .outsidePaths,
                detail:
                    "Approved claim '\(entry.id)' is approved only for \(entry.paths.joined(separator: ", "))\(place(entry))."
            )
        }
        return .approved(index)
    }

    /// ` (approved.yml:12)`: where the entry is, for the reader to look it up.
    private func place(_ entry: Entry) -> String {
        var room = ByteRoom(capacity: 64)
        appendPlace(entry.location, to: &room)
        return room.string
    }

    private func appendPlace(_ location: RuleLocation, to room: inout ByteRoom) {
        room.append(" (")
        room.append(location.file)
        if let line = location.line {
            room.makeRoom(for: 1 + ByteRoom.decimalWidth(line))
            room.write(UInt8(ascii: ":"))
            room.writeDecimal(line)
        }
        room.append(")")
    }
}

/// What the index says of one sentence.
enum SentenceMatch: Sendable {
    case none
    case exact(Int)
    /// The entry, and the finding's words saying how the sentence differs from it.
    case variant(Int, String)
}

/// The index's answers by sentence, shared by the worker threads, and bounded: past the limit it
/// starts again rather than grow with the site. Keyed by a hash of the sentence's bytes, read
/// where the page holds them: a sentence seen before is answered without making its string or
/// hashing it with `Hasher` (42,000 look-ups of 11,000 sentences on the 5,000-entry benchmark).
/// The bytes are kept and compared, so two sentences with one hash never share an answer: the
/// second is answered on its own each time, and not kept.
final class SentenceMatches: @unchecked Sendable {
    private var answers: [UInt64: (bytes: [UInt8], match: SentenceMatch)] = [:]
    private let lock = NSLock()
    private let limit = 100_000

    /// `compute` is given the sentence's text, made only when it is not known.
    func match(_ sentence: QuotedText, compute: (String) -> SentenceMatch) -> SentenceMatch {
        let (hash, known) = sentence.withBytes { bytes in
            let hash = Self.hash(bytes)
            lock.lock()
            defer { lock.unlock() }
            guard let stored = answers[hash] else { return (hash, SentenceMatch?.none) }
            let same = stored.bytes.withUnsafeBufferPointer { stored in
                stored.count == bytes.count
                    && (bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
            }
            return (hash, same ? stored.match : nil)
        }
        if let known { return known }
        let text = sentence.string
        let answer = compute(text)
        lock.lock()
        if answers[hash] == nil {
            if answers.count >= limit { answers.removeAll(keepingCapacity: true) }
            answers[hash] = (sentence.withBytes { Array($0) }, answer)
        }
        lock.unlock()
        return answer
    }

    /// Eight bytes a step, each word mixed in by a multiply and a rotation, the tail byte by byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            hash = rotated((hash ^ word) &* 0xFF51_AFD7_ED55_8CCD, by: 29)
            index += 8
        }
        while index < bytes.count {
            hash = rotated((hash ^ UInt64(base[index])) &* 0xC4CE_B9FE_1A85_EC53, by: 23)
            index += 1
        }
        return hash ^ (hash >> 32)
    }

    @inline(__always)
    private static func rotated(_ value: UInt64, by bits: UInt64) -> UInt64 { value << bits | value >> (64 - bits) }
}

/// The index's per-sentence working memory, kept between files: a scratch is as large as the
/// library (a counter per entry, a mask per word), too large to allocate for every page.
final class ScratchPool: @unchecked Sendable {
    private let index: ApprovedClaimIndex
    private var free: [ApprovedClaimIndex.Scratch] = []
    private let lock = NSLock()

    init(_ index: ApprovedClaimIndex) {
        self.index = index
    }

    func take() -> ApprovedClaimIndex.Scratch {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? index.makeScratch()
    }

    func give(_ scratch: ApprovedClaimIndex.Scratch) {
        lock.lock()
        free.append(scratch)
        lock.unlock()
    }
}
