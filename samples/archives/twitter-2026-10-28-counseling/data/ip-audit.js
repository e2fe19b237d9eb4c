window.YTD.ip_audit.part0 = [
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-10-22T21:40:02.171Z",
      "loginIp" : "172.58.14.201"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-10-22T13:05:44.171Z",
      "loginIp" : "24.172.10.1"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-10-21T23:59:10.171Z",
      "loginIp" : "98.122.77.30"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-10-21T18:20:33.171Z",
      "loginIp" : "66.87.154.12"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-10-21T12:02:19.171Z",
      "loginIp" : "24.172.10.1"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-10-20T22:47:51.171Z",
      "loginIp" : "107.77.203.9"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-10-20T19:11:26.171Z",
      "loginIp" : "45.37.88.140"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-10-20T14:30:00.171Z",
      "loginIp" : "152.26.80.4"
    }
  },
  {
    "ipAudit" : {
      "accountId" : "1002",
      "createdAt" : "2026-09-30T03:17:40.171Z",
      "loginIp" : "24.172.10.1"
    }
  }
]