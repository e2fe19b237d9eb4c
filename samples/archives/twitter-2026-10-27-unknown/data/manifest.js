window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "1011",
    "userName" : "mr_unlisted",
    "displayName" : "Mr. Unlisted"
  },
  "archiveInfo" : {
    "sizeBytes" : "3204",
    "generationDate" : "2026-10-27T18:02:44.000Z",
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
    "ipAudit" : {
      "files" : [
        {
          "fileName" : "data/ip-audit.js",
          "globalName" : "YTD.ip_audit.part0",
          "count" : "0"
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
          "count" : "2"
        }
      ]
    }
  }
}