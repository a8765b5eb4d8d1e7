// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "claimlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "claimlint", targets: ["claimlint"]),
        .library(name: "ClaimLint", targets: ["ClaimLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // SHA-256 for the run record. 4.x needs Swift tools 6.1; 3.x still builds with Swift 6.0.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // The doors to C, one Swift file each. libcmark from Debian's libcmark-dev, found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The Snowball stemmers from Debian's libstemmer-dev, which ships no pkg-config file:
        // the module map links `stemmer` from the default library path.
        .systemLibrary(
            name: "CStemmer",
            providers: [.apt(["libstemmer-dev"]), .brew(["snowball"])]
        ),
        // libcmark's parse under a memory limit: the longjmp that abandons it must not cross a
        // Swift frame, so the parse is called from C (issue 10, item 9).
        .target(name: "CCmarkBounded", dependencies: ["CCmark"]),
        // The library never prints and never exits. swift-crypto's SHA-256 (BoringSSL on Linux,
        // CryptoKit on Apple's systems) is reached from one file, as the C libraries are.
        .target(
            name: "ClaimLint",
            dependencies: [
                "CCmark", "CCmarkBounded", "CStemmer", .product(name: "Crypto", package: "swift-crypto"), "Yams",
            ]),
        // The language server's protocol and session (`claimlint lsp`); it never prints either.
        .target(name: "ClaimLintLSP", dependencies: ["ClaimLint"]),
        // The thin command-line front end.
        .executableTarget(
            name: "claimlint",
            dependencies: [
                "ClaimLint", "ClaimLintLSP", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The CLI is a dependency so that `swift test` builds the binary the CLI tests run.
        .testTarget(
            name: "ClaimLintTests", dependencies: ["ClaimLint", "ClaimLintLSP", "claimlint"], exclude: ["Fixtures"]),
    ]
)

// libFuzzer targets (Fuzz/, docs/fuzzing.md), declared only when CLAIMLINT_FUZZ is set:
// Scripts/fuzz.sh sets it and builds them with the fuzzer and address sanitizers in their own
// scratch path (.build-fuzz), so a plain `swift build` or `swift test` never sees them.
// libFuzzer supplies `main`, so the entry files are compiled as library code.
if Context.environment["CLAIMLINT_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["ClaimLint"], path: "Fuzz/Support"))
    for (name, folder) in [("FuzzPipeline", "Pipeline"), ("FuzzRulesLoader", "RulesLoader")] {
        package.targets.append(
            .executableTarget(
                name: name,
                dependencies: ["ClaimLint", "FuzzSupport"],
                path: "Fuzz/\(folder)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]
            )
        )
    }
}

// The stage benchmark (Bench/Stages, run by Scripts/bench.sh), declared only when CLAIMLINT_BENCH is set.
if Context.environment["CLAIMLINT_BENCH"] != nil {
    package.targets.append(.executableTarget(name: "StageBench", dependencies: ["ClaimLint"], path: "Bench/Stages"))
}

// The claim scorer's training dump (Train/Features, run by Scripts/train-scorer.py), declared only when CLAIMLINT_TRAIN is set.
if Context.environment["CLAIMLINT_TRAIN"] != nil {
    package.targets.append(
        .executableTarget(name: "ScorerFeatures", dependencies: ["ClaimLint"], path: "Train/Features"))
}
