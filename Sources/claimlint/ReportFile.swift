import Foundation

/// A report file being written, so that a reader never sees half of it: the bytes go to a
/// temporary file in the same folder (so the rename stays on one file system) as the run goes,
/// and `commit` renames it over the destination in one step; a device or pipe (`/dev/stdout`) is
/// written into instead. Missing parent folders are created. A failure names the path and the
/// system's reason ("Permission denied", "out is a file, not a folder"), never only Foundation's
/// "The file doesn't exist", which is why the writing is done with the system calls themselves.
/// A failed write or an interruption leaves the destination as it was.
final class ReportFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    let path: String
    /// Nil when writing straight into a device or pipe.
    private let temporary: String?
    /// Open while writing, -1 after.
    private var descriptor: Int32 = -1

    init(creating path: String) throws(WriteError) {
        self.path = path
        if Self.isSpecialFile(path) {
            // /dev/stdout, a pipe, a terminal: write into it; renaming over it would replace the device.
            temporary = nil
            descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw WriteError(path: path, reason: Self.systemReason()) }
            return
        }
        try Self.makeFolders((path as NSString).deletingLastPathComponent, for: path)
        // mkstemp: a name no one can guess, created with O_CREAT|O_EXCL, so a symlink planted
        // under a predictable name cannot redirect the write.
        var template = Array(Self.temporaryTemplate(for: path).utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: Self.systemReason()) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.temporary = temporary
        InterruptCleanup.willWrite(temporary)
        // mkstemp makes the file 0600; a report is as readable as any file the user writes.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
    }

    /// `.NAME.XXXXXX` beside the destination, the name cut so that it fits the 255-byte limit.
    static func temporaryTemplate(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        var name = (path as NSString).lastPathComponent
        while name.utf8.count > 255 - 8 { name.removeLast() }
        return (folder.isEmpty ? "" : folder + "/") + "." + name + ".XXXXXX"
    }

    deinit { discard() }

    func write(_ bytes: [UInt8]) throws(WriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw WriteError(path: path, reason: Self.systemReason()) }
            offset += written
        }
    }

    /// Puts the finished report in place.
    func commit() throws(WriteError) {
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else {
            let reason = Self.systemReason()
            removeTemporary()
            throw WriteError(path: path, reason: reason)
        }
        guard let temporary else { return }
        guard rename(temporary, path) == 0 else {
            let reason = Self.systemReason()
            removeTemporary()
            throw WriteError(path: path, reason: reason)
        }
        InterruptCleanup.didFinish(temporary)
    }

    /// Abandons the report: the temporary file goes, the destination stays as it was.
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        removeTemporary()
    }

    private func removeTemporary() {
        guard let temporary else { return }
        unlink(temporary)
        InterruptCleanup.didFinish(temporary)
    }

    /// Creates `folder` and the folders above it that are missing, naming the one that could not be made.
    private static func makeFolders(_ folder: String, for path: String) throws(WriteError) {
        guard !folder.isEmpty else { return }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            if isFolder.boolValue { return }
            throw WriteError(path: path, reason: "\(folder) is a file, not a folder")
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if parent != folder { try makeFolders(parent, for: path) }
        if mkdir(folder, 0o777) != 0, errno != EEXIST {
            throw WriteError(path: path, reason: "cannot create the folder \(folder): \(systemReason())")
        }
    }

    /// An existing destination (followed through symlinks) that is not a regular file or a folder.
    private static func isSpecialFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}

extension ReportFile {
    /// Writes a whole text (the baseline file) the same way: atomically, or into a device.
    static func write(_ text: String, to path: String) throws(WriteError) {
        let file = try ReportFile(creating: path)
        try file.write(Array(text.utf8))
        try file.commit()
    }
}
