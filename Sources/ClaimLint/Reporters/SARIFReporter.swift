/// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for code
/// scanning (GitHub, Azure DevOps, IDE viewers). Paths inside the working directory are written
/// relative to `%SRCROOT%`; columns count Unicode scalars, which SARIF calls `unicodeCodePoints`;
/// `endColumn` is exclusive in both. The run record goes in `artifacts` (each input's SHA-256),
/// `tool.driver.version` and `run.properties.rulesDigest`.
///
/// Keys are written sorted, so the output is byte-stable. Artifacts stream straight out; results
/// and notifications come after the invocation (which needs the whole run) and the rules after
/// them (a finding may name a rule the rule set lacks), so those two are spooled.
public final class SARIFReporter: Reporter {
    /// `tool.driver.informationUri`, which SARIF viewers link to. Left out (SARIF makes it optional)
    /// while the project has no public home: a made-up address would send readers nowhere. Each
    /// rule's `helpUri` is the regulation or guidance it rests on.
    public static let informationURI: String? = nil
    static let sourceRoot = "%SRCROOT%"

    /// Absolute path of the folder paths are made relative to; empty when unknown.
    public let workingDirectory: String

    // One report's state, reset by `begin`.
    private var start = RunStart(rulesDigest: "")
    private var catalog = RuleCatalog(ruleSet: RuleSet())
    private var artifactCount = 0
    private var results = ReportSpool()
    private var notifications = ReportSpool()

    public init(workingDirectory: String = "") {
        self.workingDirectory = workingDirectory
    }

    // Nesting levels of the streamed pieces: runs[0] is at 2, its arrays' elements at 4.
    private static let elementIndent = 4

    public func begin(_ run: RunStart, to out: ReportOutput) {
        start = run
        catalog = RuleCatalog(ruleSet: run.rules)
        artifactCount = 0
        results = ReportSpool()
        notifications = ReportSpool()
        out.write(
            "{\n  \"$schema\" : \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\" : [\n    {\n      \"artifacts\" : ["
        )
    }

    public func file(_ file: FileReport, to out: ReportOutput) {
        let location = artifactLocation(file.path)
        let index = artifactCount
        artifactCount += 1
        let artifact = JSONWriter(indent: Self.elementIndent, style: .foundation)
        artifact.object {
            if !file.sha256.isEmpty {
                artifact.field("hashes") {
                    artifact.object { artifact.field("sha-256") { artifact.string(file.sha256) } }
                }
            }
            artifact.field("location") { write(location, index: nil, to: artifact) }
            // The run's digest is in `run.properties`; a page judged by other rules (its own
            // configuration files or overrides) names its own.
            if !file.rulesDigest.isEmpty, file.rulesDigest != start.rulesDigest {
                artifact.field("properties") {
                    artifact.object { artifact.field("rulesDigest") { artifact.string(file.rulesDigest) } }
                }
            }
        }
        out.write(index == 0 ? "\n        " : ",\n        ")
        out.write(artifact.bytes)
        // Results and notifications point at the artifact by index as well as by URI.
        if let error = file.error {
            spoolNotification("error", "\(FileName.escaped(file.path)): \(error)", location, index)
        }
        if let note = file.note {
            spoolNotification("note", "\(FileName.escaped(file.path)): \(note)", location, index)
        }
        guard !file.findings.isEmpty else { return }
        let json = JSONWriter(indent: Self.elementIndent, style: .foundation)
        for (number, (finding, fingerprint)) in zip(file.findings, FindingFingerprint.fingerprints(of: file))
            .enumerated()
        {
            json.raw(number == 0 && results.isEmpty ? "\n        " : ",\n        ")
            write(finding, location: location, artifact: index, fingerprint: fingerprint, to: json)
        }
        results.write(json.bytes)
    }

    public func end(_ run: RunEnd, to out: ReportOutput) throws {
        for error in run.errors { spoolNotification("error", error, nil, nil) }
        out.write(artifactCount == 0 ? "\n\n      ],\n" : "\n      ],\n")
        out.write("      \"columnKind\" : \"unicodeCodePoints\",\n")
        out.write(
            "      \"invocations\" : [\n        {\n          \"executionSuccessful\" : \(run.totals.notLinted == 0)")
        if !notifications.isEmpty {
            out.write(",\n          \"toolExecutionNotifications\" : [")
            try notifications.copy(to: out)
            out.write("\n          ]")
        }
        out.write("\n        }\n      ],\n")
        if let sourceRootURI {
            runField("originalUriBaseIds", to: out) { json in
                json.object {
                    json.field(Self.sourceRoot) { json.object { json.field("uri") { json.string(sourceRootURI) } } }
                }
            }
            out.write(",\n")
        }
        runField("properties", to: out) { json in
            json.object { json.field("rulesDigest") { json.string(start.rulesDigest) } }
        }
        out.write(",\n      \"results\" : [")
        if results.isEmpty {
            out.write("\n\n      ],\n")
        } else {
            try results.copy(to: out)
            out.write("\n      ],\n")
        }
        runField("tool", to: out) { json in
            json.object {
                json.field("driver") {
                    json.object {
                        if let link = Self.informationURI { json.field("informationUri") { json.string(link) } }
                        json.field("name") { json.string("claimlint") }
                        json.field("rules") { json.array(catalog.rules) { write($0, to: json) } }
                        json.field("semanticVersion") { json.string(start.toolVersion) }
                        json.field("version") { json.string(start.toolVersion) }
                    }
                }
            }
        }
        out.write("\n    }\n  ],\n  \"version\" : \"2.1.0\"\n}\n")
    }

    /// One field of `runs[0]`, whose braces the streamed pieces keep open.
    private func runField(_ name: String, to out: ReportOutput, _ value: (JSONWriter) -> Void) {
        let json = JSONWriter(indent: 3, style: .foundation)
        value(json)
        out.write("      \"\(name)\" : ")
        out.write(json.bytes)
    }

    // MARK: - Pieces

    private func spoolNotification(_ level: String, _ text: String, _ location: String?, _ index: Int?) {
        let json = JSONWriter(indent: 6, style: .foundation)
        json.object {
            json.field("level") { json.string(level) }
            if let location {
                json.field("locations") {
                    json.array([location]) { location in
                        json.object {
                            json.field("physicalLocation") {
                                json.object {
                                    json.field("artifactLocation") { write(location, index: index, to: json) }
                                }
                            }
                        }
                    }
                }
            }
            json.field("message") { json.object { json.field("text") { json.string(text) } } }
        }
        notifications.write(notifications.isEmpty ? "\n            " : ",\n            ")
        notifications.write(json.bytes)
    }

    private func write(_ finding: Finding, location: String, artifact: Int, fingerprint: String, to json: JSONWriter) {
        let ruleIndex = catalog.index(of: finding)
        json.object {
            if start.usesBaseline {
                // Recorded in the baseline: unchanged; anything else is new.
                if case .baselined = finding.status {
                    json.field("baselineState") { json.string("unchanged") }
                } else {
                    json.field("baselineState") { json.string("new") }
                }
            }
            json.field("level") { json.string(Self.level(finding.severity)) }
            json.field("locations") {
                json.array([location]) { location in
                    json.object {
                        json.field("physicalLocation") {
                            json.object {
                                json.field("artifactLocation") { write(location, index: artifact, to: json) }
                                json.field("region") {
                                    json.object {
                                        json.field("endColumn") { json.number(finding.range.end.column) }
                                        json.field("endLine") { json.number(finding.range.end.line) }
                                        json.field("snippet") {
                                            json.object { json.field("text") { json.string(finding.matchedText) } }
                                        }
                                        json.field("startColumn") { json.number(finding.range.start.column) }
                                        json.field("startLine") { json.number(finding.range.start.line) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            json.field("message") { json.object { json.field("text") { json.string(finding.message) } } }
            json.field("partialFingerprints") {
                json.object { json.field(FindingFingerprint.key) { json.string(fingerprint) } }
            }
            // The rule's help is the same for every result; a finding whose fix is its own (a
            // missing disclosure's wording for what the page triggered) carries it here.
            let ownFix = finding.fix == catalog.rules[ruleIndex].fix ? nil : finding.fix
            if !finding.because.isEmpty || ownFix != nil {
                // What made it a claim (the lexicon terms that filled the phrase, a disclosure's
                // triggers), which SARIF has no field for.
                json.field("properties") {
                    json.object {
                        if !finding.because.isEmpty {
                            json.field("because") { json.because(finding.because, withRanges: false) }
                        }
                        if let ownFix { json.field("fix") { json.string(ownFix) } }
                    }
                }
            }
            json.field("ruleId") { json.string(finding.ruleID) }
            // The catalog holds every rule a finding names, so the index is always there.
            json.field("ruleIndex") { json.number(ruleIndex) }
            if let status = finding.status { writeSuppressions(status, to: json) }
        }
    }

    /// A directive is an in-source suppression with its reason; an approved claim an external one
    /// naming the library entry. A baselined finding is not suppressed: `baselineState` says it.
    private func writeSuppressions(_ status: Finding.Status, to json: JSONWriter) {
        let kind: String
        var justification: String?
        var properties: [(String, String)] = []
        switch status {
        case .suppressed(let reason):
            kind = "inSource"
            justification = reason.isEmpty ? nil : reason
        case .approved(let id, let reference):
            kind = "external"
            justification = "approved claim \(id)" + (reference.isEmpty ? "" : ": \(reference)")
            properties = [("approvedClaim", id), ("reference", reference)]
        case .baselined:
            return
        }
        json.field("suppressions") {
            json.array([kind]) { kind in
                json.object {
                    if let justification { json.field("justification") { json.string(justification) } }
                    json.field("kind") { json.string(kind) }
                    if !properties.isEmpty {
                        json.field("properties") {
                            json.object { for (key, value) in properties { json.field(key) { json.string(value) } } }
                        }
                    }
                    json.field("status") { json.string("accepted") }
                }
            }
        }
    }

    private func write(_ rule: Rule, to json: JSONWriter) {
        json.object {
            json.field("defaultConfiguration") {
                json.object { json.field("level") { json.string(Self.level(rule.severity)) } }
            }
            json.field("fullDescription") {
                json.object { json.field("text") { json.string(rule.rationale ?? rule.message) } }
            }
            json.field("help") { json.object { json.field("text") { json.string(rule.fix) } } }
            if let link = rule.webSource { json.field("helpUri") { json.string(link) } }
            json.field("id") { json.string(rule.id) }
            json.field("name") { json.string(Self.pascalCase(rule.id)) }
            json.field("properties") {
                json.object {
                    json.field("category") { json.string(rule.category) }
                    json.field("kind") { json.string(rule.kind.rawValue) }
                    // GitHub code scanning shows and filters by these.
                    json.field("tags") { json.array(Self.tags(rule)) { json.string($0) } }
                }
            }
            json.field("shortDescription") { json.object { json.field("text") { json.string(rule.message) } } }
        }
    }

    /// An `artifactLocation` object from `artifactLocation(_:)`'s encoded URI and base.
    private func write(_ location: String, index: Int?, to json: JSONWriter) {
        let (uri, base) = Self.split(location)
        json.object {
            if let index { json.field("index") { json.number(index) } }
            json.field("uri") { json.string(uri) }
            if let base { json.field("uriBaseId") { json.string(base) } }
        }
    }

    /// Relative to `%SRCROOT%` when the file is inside the working directory (written `%SRCROOT%`
    /// + NUL + the URI); otherwise an absolute `file:` URI (or, with no working directory known, the
    /// path as given).
    private func artifactLocation(_ path: String) -> String {
        if let relative = ReportPath.relative(path, to: workingDirectory) {
            return Self.sourceRoot + "\u{0}" + ReportPath.uriEncoded(relative)
        }
        let absolute = path.hasPrefix("/") ? path : workingDirectory.isEmpty ? "" : workingDirectory + "/" + path
        if absolute.isEmpty { return ReportPath.uriEncoded(path) }
        return "file://" + ReportPath.uriEncoded(ReportPath.clean(absolute))
    }

    private static func split(_ location: String) -> (uri: String, base: String?) {
        guard let nul = location.firstIndex(of: "\u{0}") else { return (location, nil) }
        return (String(location[location.index(after: nul)...]), String(location[..<nul]))
    }

    /// `%SRCROOT%` as a `file:` URI; SARIF requires it to end with a slash.
    private var sourceRootURI: String? {
        guard workingDirectory.hasPrefix("/") else { return nil }
        let clean = ReportPath.clean(workingDirectory)
        return "file://" + ReportPath.uriEncoded(clean.hasSuffix("/") ? clean : clean + "/")
    }

    /// Kind and category; SARIF wants tags unique, and a statistic rule's category is often "statistic".
    static func tags(_ rule: Rule) -> [String] {
        rule.category == rule.kind.rawValue ? [rule.category] : [rule.kind.rawValue, rule.category]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// `regulatory-status` → `RegulatoryStatus`: SARIF's `name` is an identifier-like label.
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }
}
