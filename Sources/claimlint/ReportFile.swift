import Foundation

/// Writes a report file so that a reader never sees half of it: the text goes to a temporary file
/// in the same folder (so the rename stays on one file system), which is then renamed over the
/// destination in one step; a device or pipe (`/dev/stdout`) is written into instead. Missing parent folders are created. A failure names the path and the
/// system's reason ("Permission denied", "out is a file, not a folder"), never only Foundation's
/// "The file doesn't exist", which is why the writing is done with the system calls themselves.
enum ReportFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    static func write(_ text: String, to path: String) throws(WriteError) {
        if isSpecialFile(path) {
            // /dev/stdout, a pipe, a terminal: write into it; renaming over it would replace the device.
            if let reason = writeWhole(Array(text.utf8), to: path) { throw WriteError(path: path, reason: reason) }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        try makeFolders(folder, for: path)
        // mkstemp: a name no one can guess, created with O_CREAT|O_EXCL, so a symlink planted
        // under a predictable name cannot redirect the write.
        var template = Array(temporaryTemplate(for: path).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: systemReason()) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        InterruptCleanup.willWrite(temporary)
        defer { InterruptCleanup.didFinish() }
        // mkstemp makes the file 0600; a report is as readable as any file the user writes.
        let mask = umask(0)
        umask(mask)
        fchmod(descriptor, 0o666 & ~mask)
        if let reason = writeWhole(Array(text.utf8), to: descriptor) {
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
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

    /// `.NAME.XXXXXX` beside the destination, the name cut so that it fits the 255-byte limit.
    static func temporaryTemplate(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        var name = (path as NSString).lastPathComponent
        while name.utf8.count > 255 - 8 { name.removeLast() }
        return (folder.isEmpty ? "" : folder + "/") + "." + name + ".XXXXXX"
    }

    /// Opens the path (a device or pipe, which exists) and writes every byte, or returns why not.
    private static func writeWhole(_ bytes: [UInt8], to path: String) -> String? {
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else { return systemReason() }
        return writeWhole(bytes, to: descriptor)
    }

    /// Writes every byte and closes the descriptor, or returns why not.
    private static func writeWhole(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = systemReason()
                close(descriptor)
                return reason
            }
            offset += written
        }
        return close(descriptor) == 0 ? nil : systemReason()
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
