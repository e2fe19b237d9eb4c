import FuzzSupport
import SocialAuditArchive

/// The archive's data files: the stream, the JSON parser (filtered and full) and the decoders.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = size == 0 ? 1 : Int(bytes[0]) + 1
    let outcome = DataFileCheck.read(bytes, chunk: chunk, maximumRecordBytes: 1 << 16)
    precondition(outcome.records >= outcome.tweets)
    return 0
}


@_cdecl("FuzzArchiveJSON_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
