import CLibCrypto

/// SHA-256 (FIPS 180-4): findings' fingerprints and archives' content hashes.
///
/// OpenSSL's libcrypto does the work: a nightly run hashes every archive to know which changed,
/// and the hand-written Swift version this replaced ran at 125 MB/s, a tenth of a whole audit of
/// one large archive (measured with `make bench`); libcrypto uses the CPU's SHA instructions.
/// Streaming (`update` as the bytes come), so an archive of hundreds of megabytes is hashed in
/// constant memory. A value: a copy hashes on from where the original was. Checked against the
/// FIPS test vectors in the tests.
public struct SHA256: Sendable {
    private var context = SHA256_CTX()

    public init() {
        SHA256_Init(&context)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        SHA256_Update(&context, base, bytes.count)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        digest.withUnsafeMutableBufferPointer { _ = SHA256_Final($0.baseAddress, &context) }
        return digest
    }

    public static func hash(_ message: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(message)
        return hasher.finalize()
    }

    public static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }

    public static func hex(_ text: String) -> String {
        hexString(hash(Array(text.utf8)))
    }
}
