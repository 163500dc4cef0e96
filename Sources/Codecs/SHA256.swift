import CCodecs
import Foundation

/// SHA-256 through GLib's checksum (`g_compute_checksum_for_data`), for `source.sha256`.
public enum SHA256 {
    /// The lower-case hex digest of `data`.
    public static func hex(_ data: Data) -> String {
        let digest = data.withUnsafeBytes { bytes in
            g_compute_checksum_for_data(G_CHECKSUM_SHA256, bytes.bindMemory(to: guchar.self).baseAddress, gsize(bytes.count))
        }
        // GLib returns NULL only for a NULL pointer with a non-zero length, which Data never gives.
        guard let digest else { preconditionFailure("g_compute_checksum_for_data returned NULL") }
        defer { g_free(digest) }
        return String(cString: digest)
    }
}
