import Foundation

/// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers). Paths inside the working
/// directory are written relative to `%SRCROOT%`; columns count Unicode scalars, which SARIF calls
/// `unicodeCodePoints`; `endColumn` is exclusive in both. The run record goes in `artifacts`
/// (each input's SHA-256), `tool.driver.version` and `run.properties.rulesDigest`.
public struct SARIFReporter: Reporter {
    /// `tool.driver.informationUri`, which SARIF viewers link to. Left out (SARIF makes it optional)
    /// while the project has no public home: a made-up address would send readers nowhere. Each
    /// rule's `helpUri` is the regulation or guidance it rests on.
    public static let informationURI: String? = nil
    static let sourceRoot = "%SRCROOT%"

    public var rules: RuleSet
    /// Absolute path of the folder paths are made relative to; empty when unknown.
    public var workingDirectory: String

    public init(rules: RuleSet = RuleSet(), workingDirectory: String = "") {
        self.rules = rules
        self.workingDirectory = workingDirectory
    }

    public func render(_ report: LintReport) -> String {
        let catalog = RuleCatalog(ruleSet: rules, report: report)
        var artifacts: [SARIFLog.Artifact] = []
        var results: [SARIFLog.Result] = []
        var notifications: [SARIFLog.Notification] = []
        for file in report.files {
            let artifact = SARIFLog.Artifact(location: artifactLocation(file.path), hashes: file.sha256.isEmpty ? nil : ["sha-256": file.sha256])
            // Results and notifications point at the artifact by index as well as by URI.
            var location = artifact.location
            location.index = artifacts.count
            artifacts.append(artifact)
            if let error = file.error {
                notifications.append(notification("error", "\(file.path): \(error)", location))
            }
            if let note = file.note {
                notifications.append(notification("note", "\(file.path): \(note)", location))
            }
            for (finding, fingerprint) in zip(file.findings, FindingFingerprint.fingerprints(of: file)) {
                var result = result(finding, location: location, fingerprint: fingerprint, catalog: catalog)
                if report.baseline != nil {
                    if case .baselined = finding.status { result.baselineState = "unchanged" } else { result.baselineState = "new" }
                }
                results.append(result)
            }
        }
        notifications += report.errors.map { notification("error", $0, nil) }
        let run = SARIFLog.Run(
            tool: SARIFLog.Tool(driver: SARIFLog.Driver(
                name: "claimlint", version: report.toolVersion, semanticVersion: report.toolVersion,
                informationUri: Self.informationURI, rules: catalog.rules.map(descriptor)
            )),
            invocations: [SARIFLog.Invocation(executionSuccessful: !report.hasInputErrors, toolExecutionNotifications: notifications.isEmpty ? nil : notifications)],
            originalUriBaseIds: sourceRootURI.map { [Self.sourceRoot: SARIFLog.ArtifactLocation(uri: $0)] },
            artifacts: artifacts,
            results: results,
            properties: ["rulesDigest": report.rulesDigest]
        )
        let encoder = JSONEncoder()
        // Sorted keys make the output byte-stable; unescaped slashes keep URIs readable.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and integers cannot fail.
        let data = try! encoder.encode(SARIFLog(runs: [run]))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func descriptor(_ rule: Rule) -> SARIFLog.ReportingDescriptor {
        SARIFLog.ReportingDescriptor(
            id: rule.id,
            name: Self.pascalCase(rule.id),
            shortDescription: SARIFLog.Message(text: rule.message),
            fullDescription: SARIFLog.Message(text: rule.rationale ?? rule.message),
            help: SARIFLog.Message(text: rule.fix),
            helpUri: rule.webSource,
            defaultConfiguration: SARIFLog.Configuration(level: Self.level(rule.severity)),
            properties: SARIFLog.RuleProperties(kind: rule.kind.rawValue, category: rule.category, tags: Self.tags(rule))
        )
    }

    private func result(_ finding: Finding, location: SARIFLog.ArtifactLocation, fingerprint: String, catalog: RuleCatalog) -> SARIFLog.Result {
        let region = SARIFLog.Region(
            startLine: finding.range.start.line, startColumn: finding.range.start.column,
            endLine: finding.range.end.line, endColumn: finding.range.end.column,
            snippet: SARIFLog.Message(text: finding.matchedText)
        )
        return SARIFLog.Result(
            ruleId: finding.ruleID,
            // The catalog holds every rule a finding names, so the index is always there.
            ruleIndex: catalog.index(of: finding.ruleID) ?? 0,
            level: Self.level(finding.severity),
            message: SARIFLog.Message(text: finding.message),
            locations: [SARIFLog.Location(physicalLocation: SARIFLog.PhysicalLocation(artifactLocation: location, region: region))],
            partialFingerprints: [FindingFingerprint.key: fingerprint],
            suppressions: Self.suppressions(finding.status)
        )
    }

    /// A directive is an in-source suppression with its reason; an approved claim an external one
    /// naming the library entry. A baselined finding is not suppressed: `baselineState` says it.
    static func suppressions(_ status: Finding.Status?) -> [SARIFLog.Suppression]? {
        switch status {
        case .suppressed(let reason)?:
            return [SARIFLog.Suppression(kind: "inSource", justification: reason.isEmpty ? nil : reason)]
        case .approved(let id, let reference)?:
            return [SARIFLog.Suppression(
                kind: "external", justification: "approved claim \(id)" + (reference.isEmpty ? "" : ": \(reference)"),
                properties: ["approvedClaim": id, "reference": reference]
            )]
        case .baselined?, nil:
            return nil
        }
    }

    private func notification(_ level: String, _ text: String, _ location: SARIFLog.ArtifactLocation?) -> SARIFLog.Notification {
        SARIFLog.Notification(
            level: level, message: SARIFLog.Message(text: text),
            locations: location.map { [SARIFLog.Location(physicalLocation: SARIFLog.PhysicalLocation(artifactLocation: $0))] }
        )
    }

    /// Relative to `%SRCROOT%` when the file is inside the working directory; otherwise an
    /// absolute `file:` URI (or, with no working directory known, the path as given).
    private func artifactLocation(_ path: String) -> SARIFLog.ArtifactLocation {
        if let relative = ReportPath.relative(path, to: workingDirectory) {
            return SARIFLog.ArtifactLocation(uri: ReportPath.uriEncoded(relative), uriBaseId: Self.sourceRoot)
        }
        let absolute = path.hasPrefix("/") ? path : workingDirectory.isEmpty ? "" : workingDirectory + "/" + path
        if absolute.isEmpty { return SARIFLog.ArtifactLocation(uri: ReportPath.uriEncoded(path)) }
        return SARIFLog.ArtifactLocation(uri: "file://" + ReportPath.uriEncoded(ReportPath.clean(absolute)))
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
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
