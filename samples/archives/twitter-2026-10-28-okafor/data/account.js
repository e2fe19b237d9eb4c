window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "nokafor@haywood.k12.nc.us",
      "createdVia" : "web",
      "username" : "mrsokafor_teaches",
      "accountId" : "1005",
      "createdAt" : "2018-07-30T10:00:00.000Z",
      "accountDisplayName" : "Mrs. Okafor 🧪"
    }
  }
]