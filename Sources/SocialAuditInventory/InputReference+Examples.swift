extension InputReference {
    /// The reference's examples, one small file of each input (a test reads each with its reader).
    enum Examples {
        static let configuration = """
            {
              "$schema": "socialaudit.schema.json",
              "$comment": "Haywood County Schools: the nightly audit",
              "inventory": "inventory.xml",
              "archives": "/srv/socialaudit/archives",
              "timezone": "America/New_York",
              "policy": {
                "$comment": "Archives are exported on the first Monday of each month",
                "staleAfterDays": 40,
                "organizations": ["NCPublicSchools", "HaywoodCountyNC"],
                "loginSpread": {"distinctIPs": 8},
                "lexicon": {"gambling": ["casino", "sportsbook", "parlay"]},
                "severity": {"professional.unprofessional-content": "medium"},
                "disabledRules": ["account.connected-apps"]
              },
              "mail": {
                "smtp": {"host": "relay.haywood.k12.nc.us"},
                "reportBaseURL": "https://intranet.haywood.k12.nc.us/socialaudit/"
              }
            }
            """

        static let inventoryJSON = """
            {
              "$schema": "inventory.schema.json",
              "district": {"name": "Haywood County Schools", "emailDomains": ["haywood.k12.nc.us"],
                           "reportRecipients": ["communications@haywood.k12.nc.us"]},
              "schools": [
                {"id": "pisgah-high", "name": "Pisgah High School", "reportRecipients": ["principal.phs@haywood.k12.nc.us"]}
              ],
              "people": [
                {"email": "mreed@haywood.k12.nc.us", "name": "Morgan Reed", "role": "administrator", "school": "pisgah-high"}
              ],
              "accounts": [
                {"$comment": "The school's main account",
                 "handle": "pisgahhigh", "accountId": "1001", "tier": "primary", "school": "pisgah-high",
                 "createdBy": "district", "managers": ["mreed@haywood.k12.nc.us"],
                 "registeredEmail": "pisgahhigh.social@haywood.k12.nc.us"}
              ]
            }
            """

        static let inventoryXML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <inventory xmlns="urn:socialaudit:inventory:1">
              <district name="Haywood County Schools">
                <emailDomain>haywood.k12.nc.us</emailDomain>
                <reportRecipient>communications@haywood.k12.nc.us</reportRecipient>
              </district>
              <schools>
                <school id="pisgah-high" name="Pisgah High School">
                  <reportRecipient>principal.phs@haywood.k12.nc.us</reportRecipient>
                </school>
              </schools>
              <people>
                <person email="mreed@haywood.k12.nc.us" name="Morgan Reed" role="administrator" school="pisgah-high"/>
              </people>
              <accounts>
                <!-- The school's main account -->
                <account handle="pisgahhigh" accountId="1001" tier="primary" school="pisgah-high" createdBy="district"
                         registeredEmail="pisgahhigh.social@haywood.k12.nc.us">
                  <manager>mreed@haywood.k12.nc.us</manager>
                </account>
              </accounts>
            </inventory>
            """

        static let roster = """
            student_id,school,handle,account_id,first_name,last_name,directory_opt_out
            S10293,pisgah-high,jstudent07,88001,Jamie,Student,false
            S10294,pisgah-high,,,Riley,Barnes,true
            """

        static let reviews = """
            [
              {"fingerprint": "3f1c9a0e5b7d2c48", "reviewer": "mreed@haywood.k12.nc.us", "date": "2024-03-06",
               "note": "A retweet of the county government, which the district allows.", "expires": "2024-06-30"}
            ]
            """
    }
}
