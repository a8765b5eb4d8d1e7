enum DefaultRules {
    static let yaml = """
version: 1
rules: []
"""
}
