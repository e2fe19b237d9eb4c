window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "pisgahcounseling.phs@gmail.com",
      "createdVia" : "web",
      "username" : "pisgahcounselors",
      "accountId" : "1002",
      "createdAt" : "2016-01-11T17:40:12.000Z",
      "accountDisplayName" : "Pisgah High Counseling"
    }
  }
]