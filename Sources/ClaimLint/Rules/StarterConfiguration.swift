/// What `claimlint init` writes: a `.claimlint.yml` that changes nothing yet, with every key
/// explained where it is, so a new project edits a valid file instead of starting from the docs.
/// A test loads it and applies it to the defaults.
public enum StarterConfiguration {
    public static let text = """
        # claimlint project configuration (docs/configuration.md). Only `version` is required.
        # It applies to the pages in this folder and below. A .claimlint.yml in a sub-folder extends
        # this one (lists such as disable add up; severities are the nearest file's), up to the
        # repository root; `claimlint config PATH` shows what is in force for a page and why.
        version: 1

        # Rule ids to turn off here and below (`claimlint rules` lists them; `enable:` turns one
        # that a file above turned off back on).
        disable: []

        # New severities for rules: error, warning or info.
        severity: {}
        #   uncited-statistic: error

        # The clinic's own domains: links to them never count as citations (regulators treat a
        # clinic's own pages as advertising, not as independent evidence).
        sources:
          untrusted: []
        #   untrusted: [our-clinic.example]

        # Paths below this folder that are not linted (globs).
        exclude: []
        #   exclude: ["drafts/**"]

        # Changes for some paths only (globs relative to this file); the last matching one wins.
        overrides: []
        #  - paths: ["blog/**"]
        #    disable: [superlative]

        # The approved-claims library (docs/adoption.md), relative to this file.
        # approved-claims: approved-claims.yml

        # The baseline `claimlint check` judges by (written with --write-baseline), relative to
        # this file; --baseline on the command line wins.
        # baseline: claimlint-baseline.json

        # Do not read configuration files above this folder.
        # root: true

        """
}
