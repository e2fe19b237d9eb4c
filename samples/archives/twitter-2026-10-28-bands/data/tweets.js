window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2106904702533107712"
          ],
          "editableUntil" : "2026-10-05T01:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "95"
      ],
      "favorite_count" : "88",
      "id_str" : "2106904702533107712",
      "truncated" : false,
      "retweet_count" : "21",
      "id" : "2106904702533107712",
      "possibly_sensitive" : false,
      "created_at" : "Mon Oct 05 00:30:00 +0000 2026",
      "favorited" : false,
      "full_text" : "The Marching Mountaineers earned straight Superior ratings at the Western Regional competition!",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2113299338415702017"
          ],
          "editableUntil" : "2026-10-22T17:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "73"
      ],
      "favorite_count" : "6",
      "id_str" : "2113299338415702017",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "2113299338415702017",
      "possibly_sensitive" : false,
      "created_at" : "Thu Oct 22 16:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Band boosters meeting Monday 6 PM in the band room. All families welcome.",
      "lang" : "en"
    }
  }
]