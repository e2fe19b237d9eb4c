window.YTD.ip_audit.part0 = [
  {
    "ipAudit" : {
      "accountId" : "1007",
      "createdAt" : "2026-10-22T15:58:00.171Z",
      "loginIp" : "152.26.81.40"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1007",
      "createdAt" : "2026-10-05T00:29:00.171Z",
      "loginIp" : "174.99.2.61"
    }
  }
]