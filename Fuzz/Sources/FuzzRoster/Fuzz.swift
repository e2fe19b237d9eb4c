import FuzzSupport
import SocialAuditInventory

/// The roster reader (CSV and JSON).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let roster = try RosterReader.read(bytes, file: "fuzz.csv")
        precondition(roster.places.count == roster.students.count)
    } catch {
        precondition(!error.problems.isEmpty, "an unusable roster always says why")
    }
    return 0
}


@_cdecl("FuzzRoster_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
