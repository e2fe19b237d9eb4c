import CLibNettle

/// SHA-256 (FIPS 180-4): findings' fingerprints and archives' content hashes.
///
/// Nettle does the work: a full run hashes every archive it reads (for the next run to know
/// which changed), and the hand-written Swift version this once was ran at 125 MB/s, a tenth of
/// a whole audit of one large archive (measured with `make bench`); Nettle uses the CPU's SHA
/// instructions (170 MB in 0.13 s here, as OpenSSL's libcrypto, which it replaced: loading
/// libcrypto cost every run 1.5 ms, Nettle 0.5). Streaming (`update` as the bytes come), so an
/// archive of hundreds of megabytes is hashed in constant memory. A value: a copy hashes on from
/// where the original was. Checked against the FIPS test vectors in the tests.
public struct SHA256: Sendable {
    private var context = sha256_ctx()

    public init() {
        nettle_sha256_init(&context)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        nettle_sha256_update(&context, bytes.count, base.assumingMemoryBound(to: UInt8.self))
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_SIZE))
        digest.withUnsafeMutableBufferPointer { nettle_sha256_digest(&context, $0.count, $0.baseAddress) }
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
