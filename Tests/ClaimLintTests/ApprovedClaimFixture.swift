/// The approved claim the approved-claims tests of `check` and of the language server share, and a
/// library holding just it (our own wording and reference, not a corpus page's).
enum ApprovedClaimFixture {
    static let approved =
        "TMS therapy may reduce symptoms of depression in adults who have not responded to antidepressant medication."
    /// The must-show near variant: "may reduce" changed to "eliminates".
    static let variant = approved.replacingOccurrences(of: "may reduce", with: "eliminates")

    /// The library, with `extra` lines (`    key: value\n`) added to its one entry.
    static func library(_ extra: String = "") -> String {
        """
        version: 1
        claims:
          - id: tms-depression-1
            text: \(approved)
            reference: "Example Trial Group. J Example Psychiatry 2020;1:1-10"
            approved-by: Test review board
            approved-on: 2024-01-15

        """ + extra
    }
}
