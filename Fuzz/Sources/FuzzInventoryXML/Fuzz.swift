import FuzzSupport
import SocialAuditInventory

/// The inventory reader on XML (libxml2, the schema, the entity refusal) and JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let loaded = try InventoryReader.read(bytes, file: "fuzz.xml")
        precondition(loaded.accountPlaces.count == loaded.inventory.accounts.count)
    } catch {
        precondition(!error.problems.isEmpty, "an unusable inventory always says why")
    }
    return 0
}


@_cdecl("FuzzInventoryXML_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}
