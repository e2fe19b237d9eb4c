window.YTD.ip_audit.part0 = [
  {
    "ipAudit" : {
      "accountId" : "1005",
      "createdAt" : "2026-10-21T13:19:00.171Z",
      "loginIp" : "152.26.81.22"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1005",
      "createdAt" : "2026-09-27T02:47:00.171Z",
      "loginIp" : "75.176.3.90"
    }
  }
]