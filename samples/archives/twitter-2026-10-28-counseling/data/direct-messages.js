window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1002-880004",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "880004",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "Yes, come by room 114 tomorrow at lunch and we'll look at it together.",
            "mediaUrls" : [ ],
            "senderId" : "1002",
            "id" : "2112714019236610088",
            "createdAt" : "2026-10-21T01:14:09.171Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1002",
            "reactions" : [ ],
            "urls" : [ ],
            "text" : "hi, can someone help me with my scholarship essay?",
            "mediaUrls" : [ ],
            "senderId" : "880004",
            "id" : "2112710143699714089",
            "createdAt" : "2026-10-21T00:58:45.171Z"
          }
        }
      ]
    }
  }
]