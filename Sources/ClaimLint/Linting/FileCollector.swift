import Foundation

/// Turns the paths a user named into the Markdown files to lint: folders are walked for
/// `*.md` and `*.markdown` in a stable order, hidden folders (`.git`) are skipped, symlink
/// loops are walked once, and a file named twice is linted once.
public struct FileCollector {
    public static let extensions: Set<String> = ["md", "markdown"]

    public struct Result: Sendable {
        /// Paths as the user will recognise them: as given, or the folder as given joined with the relative path.
        public var files: [String] = []
        /// Each file's size in bytes when it was found (0 for standard input), for scheduling.
        public var sizes: [Int] = []
        /// For each file, the folder argument it was found in (nil for a file named on its own).
        public var folderArguments: [String?] = []
        /// Problems with the paths themselves, each naming the path.
        public var errors: [String] = []
        /// Things worth telling that are not problems, each naming the path (a file named on the
        /// command line that an exclude pattern drops: linting nothing without a word would puzzle).
        public var notes: [String] = []

        mutating func append(_ path: String, size: Int, folder: String? = nil) {
            files.append(path)
            sizes.append(size)
            folderArguments.append(folder)
        }
    }

    public var exclude: [String] = []

    public init(exclude: [String] = []) {
        self.exclude = exclude
    }

    /// A file or folder by device and inode: the same file named twice, through a symlink or a
    /// hard link, or a folder a symlink loops back to, is one entry. One `stat` per entry says
    /// what it is, who it is and how big it is.
    private struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private struct Entry {
        var identity: Identity
        var isFolder: Bool
        var size: Int
    }

    private func entry(_ path: String) -> Entry? {
        var status = stat()
        guard FileName.withCString(path, { stat($0, &status) }) == 0 else { return nil }
        return Entry(
            identity: Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)),
            isFolder: (status.st_mode & S_IFMT) == S_IFDIR,
            size: Int(status.st_size)
        )
    }

    public func collect(_ paths: [String]) -> Result {
        var result = Result()
        var seenFiles: Set<Identity> = []
        var seenFolders: Set<Identity> = []
        var sawStandardInput = false
        for path in paths {
            if path == "-" {
                if !sawStandardInput { result.append("-", size: 0) }
                sawStandardInput = true
                continue
            }
            guard let found = entry(path) else {
                result.errors.append("\(path): no such file or folder")
                continue
            }
            if !found.isFolder {
                guard seenFiles.insert(found.identity).inserted else { continue }
                if let pattern = excludingPattern(path) {
                    result.notes.append("\(path): not linted: it matches --exclude '\(pattern)'")
                } else {
                    result.append(path, size: found.size)
                }
                continue
            }
            let before = result.files.count
            var excluded = Exclusions()
            walk(
                folder: path, argument: path, identity: found.identity, into: &result, excluded: &excluded,
                seenFiles: &seenFiles, seenFolders: &seenFolders)
            if result.files.count == before {
                if let summary = excluded.summary {
                    result.errors.append("\(path): \(summary) (--exclude)")
                } else {
                    result.errors.append("\(path): no Markdown files (*.md, *.markdown) in this folder")
                }
            }
        }
        return result
    }

    /// What `--exclude` left out of one folder argument, to say so when nothing is left.
    private struct Exclusions {
        var files = 0
        var folders = 0
        var patterns: [String] = []

        mutating func add(_ pattern: String, isFolder: Bool) {
            if isFolder { folders += 1 } else { files += 1 }
            if !patterns.contains(pattern) { patterns.append(pattern) }
        }

        var summary: String? {
            guard files + folders > 0 else { return nil }
            let what = [
                files > 0 ? "\(files) Markdown file\(files == 1 ? "" : "s")" : nil,
                folders > 0 ? "\(folders) folder\(folders == 1 ? "" : "s")" : nil,
            ]
            return "all \(what.compactMap { $0 }.joined(separator: " and ")) excluded by "
                + patterns.map { "'\($0)'" }.joined(separator: ", ")
        }
    }

    private func walk(
        folder: String, argument: String, identity: Identity, into result: inout Result, excluded: inout Exclusions,
        seenFiles: inout Set<Identity>, seenFolders: inout Set<Identity>
    ) {
        guard seenFolders.insert(identity).inserted else { return }
        // Listed with readdir: Foundation's listing drops names that are not UTF-8 (`FileName`).
        guard let names = FileName.contents(ofFolder: folder)?.sorted() else {
            result.errors.append("\(folder): cannot read this folder")
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            // A broken symlink, or a file removed since the listing, is skipped.
            guard let found = entry(path) else { continue }
            if found.isFolder {
                if let pattern = excludingPattern(path) {
                    excluded.add(pattern, isFolder: true)
                } else {
                    walk(
                        folder: path, argument: argument, identity: found.identity, into: &result, excluded: &excluded,
                        seenFiles: &seenFiles, seenFolders: &seenFolders)
                }
            } else if Self.isMarkdown(name) {
                if let pattern = excludingPattern(path) {
                    excluded.add(pattern, isFolder: false)
                } else if seenFiles.insert(found.identity).inserted {
                    result.append(path, size: found.size, folder: argument)
                }
            }
        }
    }

    static func isMarkdown(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// The first `--exclude` pattern that matches the path, if any.
    private func excludingPattern(_ path: String) -> String? {
        exclude.first { Glob.matches($0, path) }
    }
}

/// Shell-style globs for `exclude`: `*` within a path component, `**` across components, `?` one character.
/// A pattern without `/` matches any path component sequence ending the path ("*.draft.md").
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let trimmed = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        if !pattern.contains("/") {
            return match(Array(pattern), Array(trimmed.split(separator: "/").last.map(String.init) ?? trimmed))
                || trimmed.split(separator: "/").contains { match(Array(pattern), Array($0)) }
        }
        return match(Array(pattern), Array(trimmed)) || match(Array("**/" + pattern), Array(trimmed))
    }

    private static func match(_ pattern: [Character], _ text: [Character]) -> Bool {
        var memo: [Int: Bool] = [:]
        func go(_ p: Int, _ t: Int) -> Bool {
            let key = p * (text.count + 1) + t
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.count {
                result = t == text.count
            } else if pattern[p] == "*", p + 1 < pattern.count, pattern[p + 1] == "*" {
                var next = p + 2
                if next < pattern.count, pattern[next] == "/" { next += 1 }
                result = (t...text.count).contains { go(next, $0) }
            } else if pattern[p] == "*" {
                var end = t
                var found = go(p + 1, t)
                while !found, end < text.count, text[end] != "/" {
                    end += 1
                    found = go(p + 1, end)
                }
                result = found
            } else if t < text.count, pattern[p] == "?" ? text[t] != "/" : pattern[p] == text[t] {
                result = go(p + 1, t + 1)
            } else {
                result = false
            }
            memo[key] = result
            return result
        }
        return go(0, 0)
    }
}
