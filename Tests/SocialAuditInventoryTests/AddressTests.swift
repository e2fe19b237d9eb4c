import Foundation
import Testing
import SocialAuditCore
import SocialAuditTestSupport
@testable import SocialAuditInventory

/// Addresses written into e-mail headers and SMTP commands: only one address per value, refused
/// where the district's files are read, with the file and the place.
@Suite("E-mail addresses in the inventory and configuration")
struct AddressTests {
    @Test("an addr-spec and a mailbox with a display name are read; the name keeps its words",
          arguments: [("principal@haywood.k12.nc.us", "principal@haywood.k12.nc.us"),
                      ("Pat O'Neil <pat.oneil@Haywood.K12.NC.US>", "Pat O'Neil <pat.oneil@haywood.k12.nc.us>"),
                      ("\"Reed, Morgan\" <mreed@haywood.k12.nc.us>", "\"Reed, Morgan\" <mreed@haywood.k12.nc.us>"),
                      ("\"Dr. \\\"Pat\\\" Lee\" <pl@haywood.k12.nc.us>", "\"Dr. \\\"Pat\\\" Lee\" <pl@haywood.k12.nc.us>"),
                      ("Zoë Müller <zm@haywood.k12.nc.us>", "Zoë Müller <zm@haywood.k12.nc.us>"),
                      ("a+tag@xn--mnchen-3ya.de", "a+tag@xn--mnchen-3ya.de")])
    func accepted(_ written: String, _ normalised: String) throws {
        let address = try MailAddress.parse(written)
        #expect(address.description == normalised)
        #expect(try MailAddress.parse(address.description) == address, "the normalised form reads back the same")
    }

    @Test("anything that is not one address is refused",
          arguments: ["principal@d\r\nBcc: attacker@evil.example", "principal@d\nRSET", "a@b\rMAIL FROM:<x@y>",
                      "a@b, c@d", "a@b c@d", "Name <a@b> <c@d>", "not-an-address", "@haywood.k12.nc.us", "a@",
                      "a..b@d.example", ".a@d.example", "a@-d.example", "a@d..example", "a@[127.0.0.1]",
                      "\"quoted local\"@d.example", "Name, Other <a@d.example>", "a@d.example>",
                      "a@d.example\u{202E}", "Evil\u{0}Name <a@d.example>", "a@dömain.example", "\"Bad\"Quote\" <a@d.example>"])
    func refused(_ written: String) {
        #expect(throws: MailAddress.Refusal.self) { try MailAddress.parse(written) }
    }

    @Test("JSON: an injected district or school recipient stops the inventory, at its path and line")
    func jsonRecipients() throws {
        let json = """
        {
          "district": {"name": "Haywood", "reportRecipients": ["communications@haywood.k12.nc.us",
                                                              "principal@d\\r\\nBcc: attacker@evil.example"]},
          "schools": [{"id": "pisgah-high", "name": "Pisgah", "reportRecipients": ["a@b.example\\nRSET"]}]
        }
        """
        let found = problems { _ = try InventoryReader.load(try write(json, named: "inventory.json")) }
        #expect(found.map(\.path) == ["district.reportRecipients[1]", "schools[0].reportRecipients[0]"])
        #expect(found.map(\.line) == [3, 4])
        #expect(found.allSatisfy { $0.message.contains("is not an e-mail address") && !$0.message.contains("\n") && !$0.message.contains("\r") })
        #expect(found.first?.message.contains("'principal@d\\r\\nBcc: attacker@evil.example'") == true)
    }

    @Test("XML: an injected recipient stops the inventory at its element's line")
    func xmlRecipients() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <inventory xmlns="urn:socialaudit:inventory:1">
          <district name="Haywood">
            <reportRecipient>communications@haywood.k12.nc.us</reportRecipient>
            <reportRecipient>principal@d&#13;&#10;Bcc: attacker@evil.example</reportRecipient>
          </district>
          <schools>
            <school id="pisgah-high" name="Pisgah">
              <reportRecipient>a@b.example, c@evil.example</reportRecipient>
            </school>
          </schools>
        </inventory>
        """
        let found = problems { _ = try InventoryReader.load(try write(xml, named: "inventory.xml")) }
        #expect(found.map(\.line) == [5, 9])
        #expect(found.allSatisfy { $0.message.hasPrefix("<reportRecipient>: ") && $0.message.contains("is not an e-mail address") })
    }

    @Test("configuration: a mail.from that is not one address is refused at mail.from")
    func configurationFrom() throws {
        let json = #"{"mail": {"from": "audit@haywood.k12.nc.us\r\nBcc: attacker@evil.example"}}"#
        let found = problems { _ = try ConfigurationReader.load(try write(json, named: "socialaudit.json")) }
        #expect(found.map(\.path) == ["mail.from"])
        #expect(found.first?.line == 1)
        let good = #"{"mail": {"from": "Haywood audit <audit@haywood.k12.nc.us>"}}"#
        #expect(try ConfigurationReader.load(try write(good, named: "socialaudit.json")).mail.from == "Haywood audit <audit@haywood.k12.nc.us>")
    }

    @Test("the input reference says the type, and the schemas carry a pattern for it")
    func reference() {
        #expect(InputReference.district["reportRecipients"].type.isMailboxes)
        #expect(InputReference.school["reportRecipients"].type.isMailboxes)
        #expect(InputReference.render(format: .markdown).contains("list of e-mail addresses (`name@domain` or `Name <name@domain>`)"))
        #expect(InputReference.render(format: .markdown).contains("| `from` | e-mail address"))
    }
}

extension InputType {
    var isMailboxes: Bool { if case .mailboxes = self { true } else { false } }
}
