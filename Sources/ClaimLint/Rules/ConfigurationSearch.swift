import Foundation

/// Where `.claimlint.yml` files are looked for: the linted file's folder, then each folder above
/// it, up to the repository root (the folder holding `.git`, a folder or a worktree's file) and
/// no further, so a file in `/home` or `/tmp` that someone else left there never applies. A
/// configuration with `root: true` also ends the search (for configurations that compose: the
/// files above it are not read).
public enum ConfigurationSearch {
    /// The `.claimlint.yml` files that may apply to files in `folder`, nearest first.
    public static func candidates(above folder: String) -> [String] {
        var found: [String] = []
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            let candidate = url.appendingPathComponent(ProjectConfiguration.fileName).path
            if FileName.exists(candidate) { found.append(candidate) }
            if FileName.exists(url.appendingPathComponent(".git").path) { return found }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return found }
            url = parent
        }
    }

    /// A warning when a configuration file could be someone else's doing: owned by another user
    /// and writable by anyone (a `.claimlint.yml` in a shared folder can turn rules off).
    public static func ownershipWarning(for path: String) -> String? {
        var status = stat()
        guard FileName.withCString(path, { stat($0, &status) }) == 0 else { return nil }
        guard status.st_uid != geteuid(), status.st_mode & S_IWOTH != 0 else { return nil }
        return "\(path): owned by another user and writable by anyone; its settings apply to the files below it"
    }
}
