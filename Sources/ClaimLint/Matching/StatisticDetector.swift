/// Finds statistics: numbers presented as facts about people, outcomes or prevalence
/// ("40 million Americans", "70% of patients", "1 in 5 adults", "9 out of 10", "3 times more
/// likely", "half of", "⅔ of people"). Prices, phone numbers, years, ages, dosages, suite
/// numbers and session counts are numbers but not statistics.
@_spi(Stages) public struct StatisticDetector: Sendable {
    /// Built once per rule set; the word lists below become `KeySet`s and keys. `population`
    /// (the rules' `population` lexicon) names the people a count can be about: "300 patients",
    /// "half of all adults".
    public init(population: [String]) {
        populationNouns = KeySet(words: population)
        openers = KeySet(words: [
            "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "majority", "tenth",
            "millions", "billions", "thousands", "hundreds", "dozens", "tens",
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
            "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
            "hundred", "a", "twice", "double", "triple", "quadruple", "doubles", "triples",
        ])
    }

    /// Every word that can open a statistic: the share, crowd, count and multiple words below.
    let openers: KeySet

    private static func keys(_ words: [String]) -> KeySet { KeySet(words: words) }

    let percentWords = keys(["percent", "percentage", "pct"])
    let per = WordKey.of("per")
    let cent = WordKey.of("cent")
    let scales = keys(["million", "millions", "billion", "billions", "trillion", "thousand"])
    let populationNouns: KeySet
    /// Treatments counted as evidence of experience: "thousands of sessions", "10,000 procedures".
    let caseNouns = keys([
        "sessions", "treatments", "procedures", "infusions", "injections", "surgeries", "operations", "cases",
    ])
    /// A time span after these is a schedule ("every four weeks", "twice a week"), not an effect.
    let scheduleWords = keys(["every", "each", "per", "weekly", "daily", "monthly", "once", "twice"])
    /// Units an effect is measured in: "by 20 points", "by 15 percent", "1 pound per day".
    let byWord = WordKey.of("by")
    let money = keys(["off", "apr", "discount", "interest", "financing", "cashback", "deposit", "down"])
    let notCounts = keys([
        "age", "ages", "aged", "suite", "room", "unit", "no", "number", "floor", "building", "route", "highway",
        "ste", "apt", "call", "dial", "text", "phone", "fax", "ext", "zip", "page", "step", "level", "grade", "mile",
        "exit",
    ])
    let dosage = keys(["mg", "mcg", "ml", "cc", "iu", "units", "unit", "milligrams", "micrograms", "g", "grams"])
    /// Words after a share that make it what something is made of, a specification, not a fact
    /// about people or outcomes: "95% oxygen", "99% pure", "a 0.9% saline solution".
    let composition = keys([
        "pure", "purity", "oxygen", "nitrogen", "saline", "solution", "concentration", "concentrated", "alcohol",
        "extract", "water", "glycerin", "cotton", "silk", "wool", "humidity", "isopropyl", "hydrogen", "zinc",
    ])
    let multipliers = keys(["times", "x", "fold"])
    let comparatives = keys([
        "more", "less", "likely", "likelier", "better", "faster", "higher", "lower", "greater", "as", "stronger",
        "effective", "fewer", "larger", "smaller", "longer", "quicker", "slower", "risk",
    ])
    let timeUnits = keys([
        "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
    ])
    /// Words that make a span of time a duration of effect ("results last about three months")
    /// rather than a schedule ("appointments take 30 minutes").
    let effectWords = keys([
        "last", "lasts", "lasting", "result", "results", "effect", "effects", "relief", "benefit", "benefits",
        "improvement", "improvements", "begin", "begins", "start", "starts", "notice", "wear", "soften", "kick",
        "sustained", "remission", "response", "feel", "felt", "see", "visible", "keep", "keeps", "steady",
        "respond", "responds", "improve", "improves", "improved", "raise", "raises", "reduce", "reduces", "heal",
        "heals",
        "recover", "effective", "reached", "achieve", "achieved", "lose", "lost", "gain", "gained", "works", "work",
    ])
    /// Counts of treatment that mark time to an effect after an onset word: "after 20-40 sessions".
    let sessionUnits = keys([
        "session", "sessions", "treatment", "treatments", "infusion", "infusions", "injection", "injections",
    ])
    let shortUnits = keys(["minute", "minutes", "hour", "hours"])
    let onsetWords = keys(["within", "under", "after", "in", "than"])
    let onsetEffects = keys([
        "relief", "result", "results", "effect", "effects", "improvement", "feel", "notice", "begin", "start", "work",
        "works",
        "better", "gone", "lifted", "disappear", "relieve", "relieved",
    ])
    let every = WordKey.of("every")
    let orWord = WordKey.of("or")
    let toWord = WordKey.of("to")
    let likely = WordKey.of("likely")
    let theWord = WordKey.of("the")
    let aWord = WordKey.of("a")
    let than = WordKey.of("than")
    let inWord = WordKey.of("in")
    let outWord = WordKey.of("out")
    let ofWord = WordKey.of("of")
    let numberWords = keys([
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "a",
    ])
    let denominators = keys([
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "hundred", "thousand",
    ])
    let shareWords = keys(["half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "majority", "tenth"])
    let crowdWords = keys(["millions", "billions", "thousands", "hundreds", "dozens", "tens"])
    let weightVerbs = keys(["lose", "lost", "losing", "drop", "dropped", "shed", "shedding"])
    let weightUnits = keys([
        "pounds", "pound", "lbs", "lb", "kg", "kilograms", "kilos", "stone", "inches", "sizes", "points",
    ])
    let twiceWords = keys(["twice", "double", "triple", "quadruple", "doubles", "triples"])
    /// Nouns of a change an effect quantity measures: "a 21-point increase", "a 3-inch reduction".
    let changeNouns = keys([
        "increase", "improvement", "gain", "rise", "boost", "jump", "drop", "reduction", "decrease", "decline", "loss",
    ])
    let averageWords = keys(["mean", "average", "median", "overall", "total"])

    /// A gap between two tokens that holds only a hyphen, an en dash or an em dash (and spaces).
    static func isDash(_ gap: ArraySlice<UInt8>) -> Bool {
        let marks = gap.filter { $0 != UInt8(ascii: " ") }
        return marks.elementsEqual([UInt8(ascii: "-")]) || marks.elementsEqual([0xE2, 0x80, 0x93])
            || marks.elementsEqual([0xE2, 0x80, 0x94])
    }

    /// Appends the token ranges of statistics among `tokens[range]`, left to right, not overlapping.
    public func find(in tokens: [Token], range: Range<Int>, text: [UInt8], into result: inout [Range<Int>]) {
        var index = range.lowerBound
        let limit = range.upperBound
        func key(_ position: Int) -> UInt64? {
            position < limit && position >= range.lowerBound ? tokens[position].key : nil
        }
        func isNumber(_ position: Int) -> Bool {
            position < limit && position >= range.lowerBound && tokens[position].kind == .number
        }
        func isSymbol(_ position: Int, _ byte: UInt8) -> Bool {
            position < limit && position >= range.lowerBound && tokens[position].kind == .symbol
                && text[tokens[position].start] == byte
        }
        func isCurrency(_ position: Int) -> Bool {
            guard position >= range.lowerBound, position < limit, tokens[position].kind == .symbol else { return false }
            let byte = text[tokens[position].start]
            return byte == UInt8(ascii: "$") || byte >= 0x80
        }
        func isYear(_ position: Int) -> Bool {
            let token = tokens[position]
            guard token.end - token.start == 4,
                let value = Int(String(decoding: text[token.start..<token.end], as: UTF8.self))
            else { return false }
            return (1900...2100).contains(value)
        }
        func isFraction(_ position: Int) -> Bool { isNumber(position) && text[tokens[position].start] >= 0x80 }
        func isCountWord(_ position: Int) -> Bool { key(position).map { numberWords.contains($0) } ?? false }
        func isQuantity(_ position: Int) -> Bool { isNumber(position) || isCountWord(position) }
        var mentionsEffect: Bool?
        /// "3 months", "2 or 3 days", "2-3 weeks": where the time unit ends, when the sentence is about an effect.
        var mentionsOnset: Bool?
        func durationEnd(_ position: Int) -> Int? {
            var unit = position + 1
            if isQuantity(unit) || ((key(unit) == orWord || key(unit) == toWord) && isQuantity(unit + 1)) {
                unit += isQuantity(unit) ? 1 : 2
            } else if isSymbol(unit, UInt8(ascii: "-")), isNumber(unit + 1) {
                unit += 2  // 20-40 sessions
            }
            // "every four weeks", "twice a week": a schedule, whatever the sentence is about.
            if let before = key(position - 1), scheduleWords.contains(before) { return nil }
            if let after = key(unit + 1), scheduleWords.contains(after) || after == aWord { return nil }
            guard let word = key(unit) else { return nil }
            if sessionUnits.contains(word) {
                // "after 20-40 sessions" is time to an effect; "a package of 6 sessions" is logistics.
                guard let before = key(position - 1), onsetWords.contains(before) else { return nil }
                if mentionsEffect == nil { mentionsEffect = range.contains { effectWords.contains(tokens[$0].key) } }
                return mentionsEffect! ? unit : nil
            }
            guard timeUnits.contains(word) else { return nil }
            if shortUnits.contains(word) {
                // Minutes and hours are mostly schedules ("sessions last 60 minutes"); they are a claim
                // only as time to an effect: "relief within hours", "in under 30 minutes you feel…".
                guard let before = key(position - 1), onsetWords.contains(before) else { return nil }
                if mentionsOnset == nil { mentionsOnset = range.contains { onsetEffects.contains(tokens[$0].key) } }
                return mentionsOnset! ? unit : nil
            }
            if mentionsEffect == nil {
                mentionsEffect = range.contains { effectWords.contains(tokens[$0].key) }
            }
            return mentionsEffect! ? unit : nil
        }
        /// "ages 13 to 17", "Suite 100-120", "level 5.7–6.4%": the second number of a range whose first is not a count.
        func endsExcludedRange(_ position: Int) -> Bool {
            // A range joined by a dash: the dash is punctuation, so the numbers are neighbours.
            if position >= range.lowerBound + 2, isNumber(position - 1), let before = key(position - 2),
                notCounts.contains(before), Self.isDash(text[tokens[position - 1].end..<tokens[position].start])
            {
                return true
            }
            guard position >= range.lowerBound + 3, isNumber(position - 2), let before = key(position - 3),
                notCounts.contains(before)
            else { return false }
            return key(position - 1) == toWord || key(position - 1) == orWord || tokens[position - 1].kind == .symbol
        }
        func peopleWithin(_ position: Int, _ distance: Int) -> Int? {
            var probe = position
            while probe < min(limit, position + distance) {
                // "Renata, 41, Harborlight patient": a comma parts a number from the noun; a count is next to its people.
                if probe > range.lowerBound,
                    text[tokens[probe - 1].end..<tokens[probe].start].contains(where: {
                        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":")
                    })
                {
                    return nil
                }
                if populationNouns.contains(tokens[probe].key) { return probe }
                // "555-0100 for 300 patients": the population belongs to the nearer number.
                if tokens[probe].kind != .word { return nil }
                probe += 1
            }
            return nil
        }

        /// "< 5.7%", "≥ 126": a number after a comparison sign is a threshold (a lab cut-off), not
        /// a fact about people; "> 90% of patients" still counts them.
        func isThreshold(_ position: Int) -> Bool {
            var byte = tokens[position].start - 1
            while byte >= 0, text[byte] == UInt8(ascii: " ") { byte -= 1 }
            guard byte >= 0 else { return false }
            let sign =
                text[byte] == UInt8(ascii: "<") || text[byte] == UInt8(ascii: ">")
                // ≤ and ≥ are E2 89 A4 and E2 89 A5 in UTF-8.
                || (byte >= 2 && text[byte - 2] == 0xE2 && text[byte - 1] == 0x89
                    && (text[byte] == 0xA4 || text[byte] == 0xA5))
            guard sign else { return false }
            var after = position + 1
            while after < min(limit, position + 3), tokens[after].kind == .symbol { after += 1 }
            return key(after) != ofWord && peopleWithin(after, 3) == nil
        }

        while index < limit {
            let token = tokens[index]
            // Most tokens are words that cannot open a statistic: one look-up skips them.
            if token.kind == .word, !openers.contains(token.key) {
                index += 1
                continue
            }
            var span: Range<Int>?
            if token.kind == .number, !isCurrency(index - 1), !(key(index - 1).map { notCounts.contains($0) } ?? false),
                !endsExcludedRange(index), !isThreshold(index)
            {
                if isSymbol(index + 1, UInt8(ascii: "%")) || (key(index + 1).map { percentWords.contains($0) } ?? false)
                {
                    // 40%, 40 percent — but not "20% off" or "0% APR", nor "95% oxygen" or "99% pure".
                    if !(key(index + 2).map { money.contains($0) || composition.contains($0) } ?? false) {
                        span = index..<(index + 2)
                    }
                } else if key(index + 1) == per, key(index + 2) == cent {
                    span = index..<(index + 3)
                } else if let next = key(index + 1), scales.contains(next) {
                    span = index..<(peopleWithin(index + 2, 3).map { $0 + 1 } ?? (index + 2))
                } else if isSymbol(index + 1, UInt8(ascii: "/")), isNumber(index + 2), key(index + 3) == ofWord,
                    let noun = peopleWithin(index + 4, 4)
                {
                    span = index..<(noun + 1)  // 2/3 of patients
                } else if key(index + 1) == inWord, isNumber(index + 2) || isCountWord(index + 2), !isYear(index + 2),
                    !isYear(index)
                {
                    span = index..<(index + 3)  // 1 in 5
                } else if key(index + 1) == outWord, key(index + 2) == ofWord,
                    isNumber(index + 3) || isCountWord(index + 3)
                {
                    span = index..<(index + 4)  // 9 out of 10
                } else if let next = key(index + 1), multipliers.contains(next), let after = key(index + 2),
                    comparatives.contains(after) || after == theWord
                {
                    let trailing = key(index + 3).map { $0 == likely || $0 == than } ?? false
                    span = index..<(index + (trailing ? 4 : 3))  // 3 times more likely, 3x faster, 5 times the results
                } else if key(index - 1) == byWord, !isYear(index), let unit = key(index + 1),
                    weightUnits.contains(unit) || percentWords.contains(unit) || timeUnits.contains(unit)
                {
                    span = (index - 1)..<(index + 2)  // improves scores by 20 points, cuts recovery by 2 weeks
                } else if let unit = key(index + 1), weightUnits.contains(unit),
                    let change = (2...3).first(where: { offset in
                        (key(index + offset).map { changeNouns.contains($0) } ?? false)
                            && (offset == 2 || (key(index + 2).map { averageWords.contains($0) } ?? false))
                    })
                {
                    span = index..<(index + change + 1)  // a 21-point mean increase, a 3-inch reduction
                } else if let unit = key(index + 1), weightUnits.contains(unit),
                    key(index + 2) == per || key(index + 2) == aWord,
                    key(index + 3).map({ timeUnits.contains($0) }) ?? false
                {
                    span = index..<(index + 4)  // 1 pound per day
                } else if isFraction(index), key(index + 1) == ofWord, let noun = peopleWithin(index + 2, 4) {
                    span = index..<(noun + 1)  // ⅔ of people
                } else if isFraction(index), key(index + 1).map({ populationNouns.contains($0) }) ?? false {
                    span = index..<(index + 2)  // ⅔ patients
                } else if key(index + 1) == ofWord, key(index + 2) == every, isQuantity(index + 3) {
                    span = index..<(peopleWithin(index + 4, 3).map { $0 + 1 } ?? (index + 4))  // 1 of every 2 people
                } else if !isYear(index), let end = durationEnd(index) {
                    span = index..<(end + 1)  // results last 3 months, after 2 or 3 days
                } else if let verb = key(index - 1),
                    weightVerbs.contains(verb) || (index >= 2 && weightVerbs.contains(tokens[index - 2].key)),
                    let unit = key(index + 1), weightUnits.contains(unit)
                {
                    span = index..<(index + 2)  // lose 20 pounds
                } else if !isYear(index), !(key(index + 1).map { dosage.contains($0) } ?? false),
                    let noun = peopleWithin(index + 1, 3)
                {
                    span = index..<(noun + 1)  // 300 patients, 16 million adults
                }
            } else if token.kind == .word {
                if shareWords.contains(token.key), key(index + 1) == ofWord, let noun = peopleWithin(index + 2, 4) {
                    // half of all people, two thirds of patients, the majority of our clients
                    span = index..<(noun + 1)
                } else if crowdWords.contains(token.key), key(index + 1) == ofWord,
                    let noun = peopleWithin(index + 2, 3)
                {
                    span = index..<(noun + 1)  // millions of Americans
                } else if crowdWords.contains(token.key), key(index + 1) == ofWord,
                    key(index + 2).map({ caseNouns.contains($0) }) ?? false
                {
                    span = index..<(index + 3)  // thousands of sessions
                } else if isCountWord(index), token.key != aWord, let next = key(index + 1), percentWords.contains(next)
                {
                    span = index..<(index + 2)  // twenty percent
                } else if isCountWord(index), key(index + 1) == inWord,
                    key(index + 2).map({ denominators.contains($0) }) ?? false
                {
                    span = index..<(index + 3)  // one in five
                } else if isCountWord(index), key(index + 1) == outWord, key(index + 2) == ofWord,
                    key(index + 3).map({ denominators.contains($0) }) ?? false
                {
                    span = index..<(index + 4)  // nine out of ten
                } else if isCountWord(index), let next = key(index + 1), multipliers.contains(next),
                    let after = key(index + 2), comparatives.contains(after)
                {
                    let trailing = key(index + 3).map { $0 == likely || $0 == than } ?? false
                    span = index..<(index + (trailing ? 4 : 3))  // five times more likely
                } else if isCountWord(index), key(index + 1) == ofWord, key(index + 2) == every, isQuantity(index + 3) {
                    // one of every two people
                    span = index..<(peopleWithin(index + 4, 3).map { $0 + 1 } ?? (index + 4))
                } else if isCountWord(index),
                    token.key != aWord
                        || (1...2).contains(where: { key(index - $0).map { effectWords.contains($0) } ?? false }),
                    let end = durationEnd(index)
                {
                    span = index..<(end + 1)  // about three months
                } else if twiceWords.contains(token.key), let next = key(index + 1),
                    comparatives.contains(next) || next == theWord
                {
                    span = index..<(index + 2)  // twice as likely, double the
                }
            }
            if let found = span {
                result.append(found.lowerBound..<min(found.upperBound, limit))
                index = found.upperBound
            } else {
                index += 1
            }
        }
    }
}
