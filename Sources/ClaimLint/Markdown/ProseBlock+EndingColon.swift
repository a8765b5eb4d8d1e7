extension ProseBlock {
    /// Where the colon the block ends with is, after any trailing spaces, line breaks and
    /// asterisks ("The benefits include:", "**What to expect:**" as literal text); nil when it
    /// ends otherwise. A block that ends so announces the list or paragraphs under it: lead-ins
    /// (`LeadIns`) and the context a list carries on (`CarriedContext`) both read it here, so the
    /// two never disagree on what a lead-in is.
    var endingColon: Int? {
        var index = text.count - 1
        while index >= 0,
            text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "*") || text[index] == UInt8(ascii: "\n")
        {
            index -= 1
        }
        return index >= 0 && text[index] == UInt8(ascii: ":") ? index : nil
    }
}
