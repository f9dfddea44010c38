import Foundation

/// The one way commands report to the user outside the screen: `spantop: LINE` on stderr.
enum Stderr {
    static func log(_ line: String) {
        FileHandle.standardError.write(Data("spantop: \(line)\n".utf8))
    }
}
