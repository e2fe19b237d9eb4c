window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "mr.unlisted@gmail.com",
      "createdVia" : "web",
      "username" : "mr_unlisted",
      "accountId" : "1011",
      "createdAt" : "2021-04-04T04:04:04.000Z",
      "accountDisplayName" : "Mr. Unlisted"
    }
  }
]