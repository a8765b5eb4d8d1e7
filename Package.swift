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
    ],
    targets: [
        // The only door to C: libcmark from Debian's libcmark-dev, found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The library never prints and never exits.
        .target(name: "ClaimLint", dependencies: ["CCmark", "Yams"]),
        // The thin command-line front end.
        .executableTarget(
            name: "claimlint",
            dependencies: ["ClaimLint", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The CLI is a dependency so that `swift test` builds the binary the CLI tests run.
        .testTarget(name: "ClaimLintTests", dependencies: ["ClaimLint", "claimlint"], exclude: ["Fixtures"]),
    ]
)
