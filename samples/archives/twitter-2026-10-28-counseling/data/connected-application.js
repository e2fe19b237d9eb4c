window.YTD.connected_application.part0 = [
  {
    "connectedApplication" : {
      "organization" : {
        "name" : "SchoolPointe",
        "url" : "https://www.schoolpointe.com"
      },
      "name" : "SchoolPointe",
      "description" : "Website and mobile app push for schools",
      "permissions" : [
        "read",
        "write"
      ],
      "approvedAt" : "2021-08-09T13:22:41.000Z",
      "id" : "16823044"
    }
  },
  {
    "connectedApplication" : {
      "organization" : {
        "name" : "TweetBlaster 3000",
        "url" : "http://tweetblaster3000.example.com"
      },
      "name" : "TweetBlaster 3000",
      "description" : "Schedule and blast tweets to all your followers",
      "permissions" : [
        "read",
        "write",
        "directmessages"
      ],
      "approvedAt" : "2026-09-30T03:17:55.000Z",
      "id" : "29811772"
    }
  }
]