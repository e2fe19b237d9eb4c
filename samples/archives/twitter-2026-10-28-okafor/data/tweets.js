window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2112896685231702017"
          ],
          "editableUntil" : "2026-10-21T14:20:00.000Z",
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
        "78"
      ],
      "favorite_count" : "4",
      "id_str" : "2112896685231702017",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2112896685231702017",
      "possibly_sensitive" : false,
      "created_at" : "Wed Oct 21 13:20:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Chemistry students: lab safety quiz moved to Thursday. Review the SDS handout.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2111986353495736322"
          ],
          "editableUntil" : "2026-10-19T02:02:40.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Ava N.",
            "screen_name" : "tuscola_tenor",
            "indices" : [
              "3",
              "17"
            ],
            "id_str" : "880005",
            "id" : "880005"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "85"
      ],
      "favorite_count" : "0",
      "id_str" : "2111986353495736322",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2111986353495736322",
      "possibly_sensitive" : false,
      "created_at" : "Mon Oct 19 01:02:40 +0000 2026",
      "favorited" : false,
      "full_text" : "RT @tuscola_tenor: So excited to sing with the All-State Honors Chorus this weekend!!",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2106036481617690627"
          ],
          "editableUntil" : "2026-10-02T16:00:00.000Z",
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
        "84"
      ],
      "favorite_count" : "22",
      "id_str" : "2106036481617690627",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2106036481617690627",
      "possibly_sensitive" : false,
      "created_at" : "Fri Oct 02 15:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Congratulations to Rileyson Barneswood, our new science department chair at Tuscola!",
      "lang" : "en"
    }
  }
]