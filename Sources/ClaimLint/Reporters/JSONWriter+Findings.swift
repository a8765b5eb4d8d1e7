/// The pieces of a finding that the JSON and SARIF reports write the same way.
extension JSONWriter {
    /// `{"start": {"line", "column"}, "end": {…}}`, the JSON report's form of a range.
    func sourceRange(_ range: SourceRange) {
        object {
            field("start") { sourcePosition(range.start) }
            field("end") { sourcePosition(range.end) }
        }
    }

    func sourcePosition(_ position: SourcePosition) {
        object {
            field("line") { number(position.line) }
            field("column") { number(position.column) }
        }
    }

    /// What made a finding one, as `[{"role", "text", "range"?}]`. SARIF leaves the ranges out:
    /// its result's region already places the finding, and it has no field for a part's place.
    func because(_ parts: [Finding.Reason], withRanges: Bool) {
        array(parts) { reason in
            object {
                field("role") { string(reason.role) }
                field("text") { string(reason.text) }
                if withRanges { field("range") { sourceRange(reason.range) } }
            }
        }
    }
}
