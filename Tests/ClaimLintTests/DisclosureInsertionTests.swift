import Testing

@testable import ClaimLintLSP

/// Where the code action puts a disclosure's wording, for each placement: a page before and after.
@Suite("LSP disclosure insertion")
struct DisclosureInsertionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var placement: String
        var findingLine: Int
        var page: String
        var expected: String
        var testDescription: String { "\(placement) @\(findingLine): \(page.debugDescription)" }
    }

    static let cases: [Case] = [
        // After the paragraph that holds the first mention, as a paragraph of its own.
        Case(
            placement: "after-first-mention", findingLine: 2, page: "# Title\n\nKetamine for\ndepression.\n\nMore.\n",
            expected: "# Title\n\nKetamine for\ndepression.\n\nNOTICE\n\nMore.\n"),
        // A mention in the last paragraph, with no line break at the end of the page.
        Case(
            placement: "after-first-mention", findingLine: 0, page: "Ketamine for depression.",
            expected: "Ketamine for depression.\n\nNOTICE\n"),
        // Near a testimonial: after the whole block quote.
        Case(
            placement: "near-testimonial", findingLine: 2, page: "Intro.\n\n> “It worked.”\n>\n> — A. B.\n",
            expected: "Intro.\n\n> “It worked.”\n>\n> — A. B.\n\nNOTICE\n"),
        // At the top: under the title, after front matter; a paragraph right under the title stays apart.
        Case(
            placement: "page-top", findingLine: 5, page: "---\ntitle: x\n---\n# Clinic\nFirst words.\n",
            expected: "---\ntitle: x\n---\n# Clinic\n\nNOTICE\n\nFirst words.\n"),
        // At the top of a page with no title: the very start.
        Case(
            placement: "page-top", findingLine: 1, page: "Plain page.\nMore.\n",
            expected: "NOTICE\n\nPlain page.\nMore.\n"),
        // At the end, after the last words, whatever blank lines follow them.
        Case(
            placement: "page-end", findingLine: 0, page: "# T\n\nLast words.\n\n\n",
            expected: "# T\n\nLast words.\n\nNOTICE\n\n\n"),
    ]

    @Test("Each placement puts the wording where the rule says, as its own paragraph", arguments: cases)
    func placement(_ example: Case) throws {
        var document = TextDocument(text: example.page, version: 1)
        let placement = try #require(DisclosureInsertion.Placement(rawValue: example.placement))
        let edit = DisclosureInsertion.edit(
            "NOTICE", placement: placement, findingLine: example.findingLine, in: document, encoding: .utf16)
        document.replace(edit.range, with: edit.newText, encoding: .utf16)
        #expect(document.text == example.expected)
    }
}
