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
  }
]