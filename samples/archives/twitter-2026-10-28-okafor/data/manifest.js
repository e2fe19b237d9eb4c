window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "1005",
    "userName" : "mrsokafor_teaches",
    "displayName" : "Mrs. Okafor 🧪"
  },
  "archiveInfo" : {
    "sizeBytes" : "7967",
    "generationDate" : "2026-10-28T09:14:03.000Z",
    "isPartialArchive" : false,
    "maxPartSizeBytes" : "53687091200"
  },
  "dataTypes" : {
    "account" : {
      "files" : [
        {
          "fileName" : "data/account.js",
          "globalName" : "YTD.account.part0",
          "count" : "1"
        }
      ]
    },
    "connectedApplication" : {
      "files" : [
        {
          "fileName" : "data/connected-application.js",
          "globalName" : "YTD.connected_application.part0",
          "count" : "0"
        }
      ]
    },
    "directMessages" : {
      "mediaDirectory" : "data/direct_messages_media",
      "files" : [
        {
          "fileName" : "data/direct-messages.js",
          "globalName" : "YTD.direct_messages.part0",
          "count" : "0"
        }
      ]
    },
    "directMessagesGroup" : {
      "files" : [
        {
          "fileName" : "data/direct-messages-group.js",
          "globalName" : "YTD.direct_messages_group.part0",
          "count" : "0"
        }
      ]
    },
    "ipAudit" : {
      "files" : [
        {
          "fileName" : "data/ip-audit.js",
          "globalName" : "YTD.ip_audit.part0",
          "count" : "2"
        }
      ]
    },
    "profile" : {
      "files" : [
        {
          "fileName" : "data/profile.js",
          "globalName" : "YTD.profile.part0",
          "count" : "1"
        }
      ]
    },
    "tweets" : {
      "mediaDirectory" : "data/tweets_media",
      "files" : [
        {
          "fileName" : "data/tweets.js",
          "globalName" : "YTD.tweets.part0",
          "count" : "3"
        },
        {
          "fileName" : "data/tweets-part1.js",
          "globalName" : "YTD.tweets.part1",
          "count" : "3"
        }
      ]
    }
  }
}