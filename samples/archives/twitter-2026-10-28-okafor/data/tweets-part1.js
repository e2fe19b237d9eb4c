window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2104040366210940932"
          ],
          "editableUntil" : "2026-09-27T03:48:09.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "98"
      ],
      "favorite_count" : "31",
      "id_str" : "2104040366210940932",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2104040366210940932",
      "possibly_sensitive" : false,
      "created_at" : "Sun Sep 27 02:48:09 +0000 2026",
      "favorited" : false,
      "full_text" : "Grading 140 lab reports this weekend. Damn, I need a beer. &lt;script&gt;alert('x')&lt;/script&gt;",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2098019908390879237"
          ],
          "editableUntil" : "2026-09-10T13:05:00.000Z",
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
        "64"
      ],
      "favorite_count" : "15",
      "id_str" : "2098019908390879237",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2098019908390879237",
      "possibly_sensitive" : false,
      "created_at" : "Thu Sep 10 12:05:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Periodic table cupcakes for Mole Day prep are a go. Thanks, PTA!",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2112023431159873542"
          ],
          "editableUntil" : "2026-10-19T04:30:00.000Z",
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
        "urls" : [
          {
            "url" : "https://t.co/Qt00000006",
            "expanded_url" : "https://twitter.com/tuscola_tenor/status/2111985704523661319",
            "display_url" : "twitter.com/tuscola_tenor/…",
            "indices" : [
              "24",
              "47"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "47"
      ],
      "favorite_count" : "6",
      "id_str" : "2112023431159873542",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2112023431159873542",
      "possibly_sensitive" : false,
      "created_at" : "Mon Oct 19 03:30:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Our future opera star 🎶 https://t.co/Qt00000006",
      "lang" : "en",
      "quoted_status_id_str" : "2111985704523661319",
      "quoted_status_id" : "2111985704523661319"
    }
  }
]