/// What a page offers as citations: which blocks are reference lists or footnote definitions
/// (never checked as claims), which reference labels exist ("3", "^note"), and how to tell
/// whether a stretch of prose carries a citation.
struct CitationIndex {
    /// For each block, whether it is a reference entry or a footnote definition.
    private(set) var isReferenceBlock: [Bool]
    /// Labels a marker may point at: ordinals of reference-list entries ("3") and footnote labels ("^3").
    private(set) var labels: Set<String> = []
    let untrustedHosts: [String]

    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "spring",
        "summer", "fall", "autumn", "winter",
    ]

    init(document: ProseDocument, untrustedHosts: [String], referenceHeadings: ReferenceHeadings) {
        self.untrustedHosts = untrustedHosts
        isReferenceBlock = [Bool](repeating: false, count: document.blocks.count)
        var sectionLevel: Int?
        for index in document.blocks.indices {
            // Handed on as an argument, the block is read where it lies: a loop variable would copy it.
            classify(
                document.blocks[index], at: index, referenceHeadings: referenceHeadings, sectionLevel: &sectionLevel)
        }
    }

    /// Whether one block is a reference entry or a footnote definition, and the labels it offers;
    /// `sectionLevel` is the heading level of the reference section being read (7: one opened by a
    /// "References:" paragraph), nil outside one.
    private mutating func classify(
        _ block: ProseBlock, at index: Int, referenceHeadings: ReferenceHeadings, sectionLevel: inout Int?
    ) {
        if case .heading(let level) = block.kind {
            if let open = sectionLevel, level > open {
                isReferenceBlock[index] = true
                return
            }
            sectionLevel = referenceHeadings.matches(block.text[...]) ? level : nil
            return
        }
        // Strings are built only for the few blocks that can be definitions or labels.
        if block.text.count > 2, block.text[0] == UInt8(ascii: "["), block.text[1] == UInt8(ascii: "^"),
            let footnote = Self.footnoteDefinitionLabel(block.string)
        {
            labels.insert("^" + footnote)
            isReferenceBlock[index] = true
            return
        }
        let labelEnd =
            block.text.prefix(28).firstIndex(of: UInt8(ascii: ":"))
            ?? (block.text.count <= 28 ? block.text.count : nil)
        if sectionLevel == nil, block.kind == .paragraph, let labelEnd,
            referenceHeadings.matches(block.text[..<labelEnd])
        {
            // "References:" or "Sources:" as a paragraph opens a section that runs to the next heading.
            sectionLevel = 7
            isReferenceBlock[index] = true
            return
        }
        guard sectionLevel != nil else { return }
        isReferenceBlock[index] = true
        if let ordinal = block.listOrdinal { labels.insert(String(ordinal)) }
        if let label = Self.leadingNumber(String(decoding: block.text.prefix(8), as: UTF8.self)) {
            labels.insert(label)
        }
    }

    /// `[^label]: …` written as a paragraph (cmark leaves non-URL footnote definitions as text).
    static func footnoteDefinitionLabel(_ text: String) -> String? {
        guard text.hasPrefix("[^"), let close = text.firstIndex(of: "]") else { return nil }
        let after = text.index(after: close)
        guard after < text.endIndex, text[after] == ":" else { return nil }
        let label = text[text.index(text.startIndex, offsetBy: 2)..<close]
        return label.isEmpty ? nil : String(label)
    }

    /// "[3] Smith …", "3. Smith …", "3) Smith …" → "3".
    static func leadingNumber(_ text: String) -> String? {
        var scalars = Substring(text)
        if scalars.first == "[" { scalars = scalars.dropFirst() }
        let digits = scalars.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        let rest = scalars.dropFirst(digits.count)
        guard let next = rest.first, next == "]" || next == "." || next == ")" else { return nil }
        return String(digits)
    }

    /// The labels a marker names: "[2, 5]" → 2, 5; "[1-3]" → 1, 2, 3; "[^a]" → ^a; "¹²" → 12.
    /// Byte by byte: every marker on a page comes through here.
    static func markerLabels(_ bytes: ArraySlice<UInt8>) -> [String] {
        // Superscript digits (¹ ² ³ are C2 B9/B2/B3; ⁰ and ⁴–⁹ are E2 81 B0/B4–B9) read as ASCII digits.
        var ascii: [UInt8] = []
        ascii.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0xC2, index + 1 < bytes.endIndex,
                bytes[index + 1] == 0xB9 || bytes[index + 1] == 0xB2 || bytes[index + 1] == 0xB3
            {
                ascii.append(
                    bytes[index + 1] == 0xB9
                        ? UInt8(ascii: "1") : bytes[index + 1] == 0xB2 ? UInt8(ascii: "2") : UInt8(ascii: "3"))
                index += 2
            } else if byte == 0xE2, index + 2 < bytes.endIndex, bytes[index + 1] == 0x81,
                bytes[index + 2] == 0xB0 || (0xB4...0xB9).contains(bytes[index + 2])
            {
                ascii.append(UInt8(ascii: "0") + (bytes[index + 2] == 0xB0 ? 0 : bytes[index + 2] - 0xB0))
                index += 3
            } else {
                ascii.append(byte)
                index += 1
            }
        }
        func isTrimmed(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "(")
                || byte == UInt8(ascii: ")") || byte == UInt8(ascii: " ")
        }
        var lower = 0
        var upper = ascii.count
        while lower < upper, isTrimmed(ascii[lower]) { lower += 1 }
        while upper > lower, isTrimmed(ascii[upper - 1]) { upper -= 1 }
        let text = ascii[lower..<upper]
        if text.first == UInt8(ascii: "^") { return [String(decoding: text, as: UTF8.self)] }
        /// A number between spaces, or nil.
        func number(_ part: ArraySlice<UInt8>) -> Int? {
            var digits = part.drop { $0 == UInt8(ascii: " ") }
            while digits.last == UInt8(ascii: " ") { digits.removeLast() }
            guard !digits.isEmpty, digits.count <= 9,
                digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        var labels: [String] = []
        for part in text.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
            let bounds = part.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: true)
            if bounds.count == 2, let low = number(bounds[0]), let high = number(bounds[1]), low <= high,
                high - low < 50
            {
                labels += (low...high).map { String($0) }
            } else if let value = number(part) {
                labels.append(String(value))
            }
        }
        return labels
    }

    /// Does the marker resolve to a reference entry or a footnote definition?
    func resolves(_ labels: [String]) -> Bool {
        !labels.isEmpty && labels.allSatisfy { self.labels.contains($0) || self.labels.contains("^" + $0) }
    }

    /// Is this link a citation? An external http(s) or DOI link whose host the rules do not distrust.
    func isCitation(_ link: ProseLink) -> Bool {
        guard !link.isImage else { return false }
        return isCitationURL(link.destination)
    }

    /// A DOI, or a web address whose host is not one of the untrusted sources (nor under one).
    func isCitationURL(_ url: String) -> Bool {
        // Nearly every address is ASCII: read over its bytes, it costs a few hundred instructions
        // where the String calls below (Unicode lowercasing, Characters, a built suffix per host)
        // cost thousands, and every link of every page comes here.
        var url = url
        if let ascii = url.withUTF8({ isCitationURL(ascii: $0) }) { return ascii }
        let lower = url.lowercased()
        if lower.hasPrefix("doi:") { return true }
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        let afterScheme = lower.drop { $0 != "/" }.dropFirst(2)
        var host = String(afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" })
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return !untrustedHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// `isCitationURL` over an ASCII address's bytes, with the same answers; nil for any other address.
    private func isCitationURL(ascii url: UnsafeBufferPointer<UInt8>) -> Bool? {
        // A carriage return would join a line feed into one Character on the String path: that path decides.
        guard url.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        func lowercased(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
        }
        func startsWith(_ prefix: StaticString, at offset: Int = 0) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard offset + count <= url.count else { return false }
            for index in 0..<count where lowercased(url[offset + index]) != prefix.utf8Start[index] { return false }
            return true
        }
        if startsWith("doi:") { return true }
        guard startsWith("http://") || startsWith("https://") else { return false }
        // The host: after the first "/" and one more character, up to a "/", "?", "#" or ":".
        var hostStart = 0
        while hostStart < url.count, url[hostStart] != UInt8(ascii: "/") { hostStart += 1 }
        hostStart = min(url.count, hostStart + 2)
        var hostEnd = hostStart
        while hostEnd < url.count, url[hostEnd] != UInt8(ascii: "/"), url[hostEnd] != UInt8(ascii: "?"),
            url[hostEnd] != UInt8(ascii: "#"), url[hostEnd] != UInt8(ascii: ":")
        { hostEnd += 1 }
        if startsWith("www.", at: hostStart), hostStart + 4 <= hostEnd { hostStart += 4 }
        let hostCount = hostEnd - hostStart
        /// Whether the host's last `count` bytes, lowercased, are the untrusted host's.
        func endsWith(_ untrusted: String.UTF8View, count: Int) -> Bool {
            var index = hostEnd - count
            for byte in untrusted {
                if lowercased(url[index]) != byte { return false }
                index += 1
            }
            return true
        }
        return !untrustedHosts.contains { untrusted in
            let count = untrusted.utf8.count
            if count == hostCount { return endsWith(untrusted.utf8, count: count) }
            return count < hostCount && url[hostEnd - count - 1] == UInt8(ascii: ".")
                && endsWith(untrusted.utf8, count: count)
        }
    }

    /// Citations written in the prose itself: a DOI, a PMID or PMCID, a bare URL, or an author-year
    /// reference such as "(Okafor et al., 2019)" or "Smith and Lee (2020)".
    func hasTextCitation(_ text: [UInt8], in range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = text[index]
            if byte == UInt8(ascii: "("), authorYearEnd(text, openParen: index, limit: range.upperBound) != nil {
                return true
            }
            if byte == UInt8(ascii: "1"), matches(text, index, "10."), isDOI(text, at: index, limit: range.upperBound) {
                return true
            }
            if byte == UInt8(ascii: "P") || byte == UInt8(ascii: "p"),
                matchesCaseless(text, index, "pmid") || matchesCaseless(text, index, "pmcid")
                    || matchesCaseless(text, index, "pmc")
            {
                var probe = index + 3
                while probe < range.upperBound, !isDigit(text[probe]), probe - index < 8 { probe += 1 }
                var digits = 0
                while probe < range.upperBound, isDigit(text[probe]) {
                    digits += 1
                    probe += 1
                }
                if digits >= 5 { return true }
            }
            if byte == UInt8(ascii: "h"), matches(text, index, "http://") || matches(text, index, "https://") {
                var end = index
                while end < range.upperBound, !SentenceSplitter.isSpace(text[end]) { end += 1 }
                if isCitationURL(String(decoding: text[index..<end], as: UTF8.self)) { return true }
            }
            if byte == UInt8(ascii: "e"), matches(text, index, "et al"),
                yearFollows(text, from: index + 5, limit: range.upperBound)
            {
                return true
            }
            if byte == UInt8(ascii: "("), isNamedYear(text, openParen: index, limit: range.upperBound) { return true }
            index += 1
        }
        return namesPublication(text, in: range)
    }

    /// "Grand View Research (2024)", "Smith and Lee (2020)": a capitalised name right before a year in parentheses.
    /// A bare date ("approved in June 2021") has no parentheses, and a name alone has no year.
    private func isNamedYear(_ text: [UInt8], openParen: Int, limit: Int) -> Bool {
        guard openParen + 6 <= limit, isYear(text, at: openParen + 1, limit: limit) else { return false }
        var close = openParen + 5
        if close < limit, (text[close] | 0x20) >= UInt8(ascii: "a"), (text[close] | 0x20) <= UInt8(ascii: "z") {
            close += 1
        }  // 2019a
        guard close < limit, text[close] == UInt8(ascii: ")") else { return false }
        var wordEnd = openParen
        while wordEnd > 0, SentenceSplitter.isSpace(text[wordEnd - 1]) { wordEnd -= 1 }
        var wordStart = wordEnd
        while wordStart > 0, (text[wordStart - 1] | 0x20) >= UInt8(ascii: "a"),
            (text[wordStart - 1] | 0x20) <= UInt8(ascii: "z")
        { wordStart -= 1 }
        guard wordStart < wordEnd else { return false }
        let word = String(decoding: text[wordStart..<wordEnd], as: UTF8.self)
        return text[wordStart] >= UInt8(ascii: "A") && text[wordStart] <= UInt8(ascii: "Z")
            && !Self.months.contains(word.lowercased())
    }

    /// A named publication with its year in the same sentence: "a study published in the Journal of
    /// the American Medical Association in 1957", "(Lancet, 2019)".
    private func namesPublication(_ text: [UInt8], in range: Range<Int>) -> Bool {
        var sawJournal = false
        var sawYear = false
        var index = range.lowerBound
        while index < range.upperBound {
            if text[index] == UInt8(ascii: "J"), matches(text, index, "Journal") { sawJournal = true }
            if text[index] == UInt8(ascii: "L"), matches(text, index, "Lancet") { sawJournal = true }
            if isYear(text, at: index, limit: range.upperBound) { sawYear = true }
            index += 1
        }
        return sawJournal && sawYear
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func matches(_ text: [UInt8], _ index: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= text.count else { return false }
        for offset in 0..<count where text[index + offset] != literal.utf8Start[offset] { return false }
        return true
    }

    private func matchesCaseless(_ text: [UInt8], _ index: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= text.count else { return false }
        for offset in 0..<count where text[index + offset] | 0x20 != literal.utf8Start[offset] { return false }
        return true
    }

    /// "10." then 4 to 9 digits then "/": Crossref's DOI prefix.
    private func isDOI(_ text: [UInt8], at index: Int, limit: Int) -> Bool {
        if index > 0, isDigit(text[index - 1]) || text[index - 1] == UInt8(ascii: ".") { return false }
        var probe = index + 3
        var digits = 0
        while probe < limit, isDigit(text[probe]) {
            digits += 1
            probe += 1
        }
        return (4...9).contains(digits) && probe < limit && text[probe] == UInt8(ascii: "/")
    }

    /// A year (1900–2099) within a few bytes after "et al", as in "Smith et al. (2019)" or "et al., 2019".
    private func yearFollows(_ text: [UInt8], from start: Int, limit: Int) -> Bool {
        var probe = start
        while probe < min(limit, start + 6) {
            if isYear(text, at: probe, limit: limit) { return true }
            probe += 1
        }
        return false
    }

    private func isYear(_ text: [UInt8], at index: Int, limit: Int) -> Bool {
        guard index + 4 <= limit,
            (text[index] == UInt8(ascii: "1") && text[index + 1] == UInt8(ascii: "9"))
                || (text[index] == UInt8(ascii: "2") && text[index + 1] == UInt8(ascii: "0"))
        else { return false }
        guard isDigit(text[index + 2]), isDigit(text[index + 3]) else { return false }
        if index > 0, isDigit(text[index - 1]) { return false }
        return index + 4 == limit || !isDigit(text[index + 4])
    }

    /// "(Name et al., 2019)", "(Name, 2019)", "(Name & Other, 2019; Third, 2020)": a capitalised name,
    /// a year, and only name-like words and punctuation in between.
    private func authorYearEnd(_ text: [UInt8], openParen: Int, limit: Int) -> Int? {
        let start = openParen + 1
        guard start < limit, text[start] >= UInt8(ascii: "A"), text[start] <= UInt8(ascii: "Z") else { return nil }
        var wordEnd = start
        while wordEnd < limit, (text[wordEnd] | 0x20) >= UInt8(ascii: "a"), (text[wordEnd] | 0x20) <= UInt8(ascii: "z")
        { wordEnd += 1 }
        // "(June 2021)" is a date, not an author and a year.
        if Self.months.contains(String(decoding: text[start..<wordEnd], as: UTF8.self).lowercased()) { return nil }
        var index = start
        var sawYear = false
        while index < limit, index - start < 160 {
            let byte = text[index]
            if byte == UInt8(ascii: ")") { return sawYear ? index + 1 : nil }
            if isYear(text, at: index, limit: limit) {
                sawYear = true
                index += 4
                continue
            }
            if byte == UInt8(ascii: "(") { return nil }
            index += 1
        }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
