window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "TuscolaBands@haywood.k12.nc.us",
      "createdVia" : "web",
      "username" : "tuscolabands",
      "accountId" : "1007",
      "createdAt" : "2019-02-14T20:15:00.000Z",
      "accountDisplayName" : "Tuscola Mountaineer Band"
    }
  }
]