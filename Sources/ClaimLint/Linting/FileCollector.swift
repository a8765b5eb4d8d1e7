import Foundation

/// Turns the paths a user named into the Markdown files to lint: folders are walked for
/// `*.md` and `*.markdown` in a stable order, hidden folders (`.git`) are skipped, symlink
/// loops are walked once, and a file named twice is linted once.
public struct FileCollector {
    public static let extensions: Set<String> = ["md", "markdown"]

    public struct Result: Sendable {
        /// Paths as the user will recognise them: as given, or the folder as given joined with the relative path.
        public var files: [String] = []
        /// Problems with the paths themselves, each naming the path.
        public var errors: [String] = []
    }

    public var exclude: [String] = []

    public init(exclude: [String] = []) {
        self.exclude = exclude
    }

    public func collect(_ paths: [String]) -> Result {
        var result = Result()
        var seenFiles: Set<String> = []
        var seenFolders: Set<String> = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                if seenFiles.insert("-").inserted { result.files.append("-") }
                continue
            }
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                result.errors.append("\(path): no such file or folder")
                continue
            }
            if !isFolder.boolValue {
                if seenFiles.insert(canonical(path)).inserted, !isExcluded(path) { result.files.append(path) }
                continue
            }
            let before = result.files.count
            walk(folder: path, into: &result, seenFiles: &seenFiles, seenFolders: &seenFolders)
            if result.files.count == before {
                result.errors.append("\(path): no Markdown files (*.md, *.markdown) in this folder")
            }
        }
        return result
    }

    private func walk(folder: String, into result: inout Result, seenFiles: inout Set<String>, seenFolders: inout Set<String>) {
        guard seenFolders.insert(canonical(folder)).inserted else { return }
        let manager = FileManager.default
        let entries: [String]
        do {
            entries = try manager.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            result.errors.append("\(folder): cannot read this folder")
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                if !isExcluded(path) { walk(folder: path, into: &result, seenFiles: &seenFiles, seenFolders: &seenFolders) }
            } else if Self.extensions.contains((name as NSString).pathExtension.lowercased()), !isExcluded(path),
                      seenFiles.insert(canonical(path)).inserted {
                result.files.append(path)
            }
        }
    }

    private func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    private func isExcluded(_ path: String) -> Bool {
        exclude.contains { Glob.matches($0, path) }
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
