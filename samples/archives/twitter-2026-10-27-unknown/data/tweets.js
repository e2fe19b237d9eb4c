window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2109282872901107712"
          ],
          "editableUntil" : "2026-10-11T15:00:00.000Z",
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
        "52"
      ],
      "favorite_count" : "4",
      "id_str" : "2109282872901107712",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2109282872901107712",
      "possibly_sensitive" : false,
      "created_at" : "Sun Oct 11 14:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Ran the Waynesville 10K this morning. Legs are done.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2112325421026902017"
          ],
          "editableUntil" : "2026-10-20T00:30:00.000Z",
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
            "name" : "Smoky Mountain News",
            "screen_name" : "SmokyMtnNews",
            "indices" : [
              "0",
              "13"
            ],
            "id_str" : "5005",
            "id" : "5005"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "54"
      ],
      "favorite_count" : "0",
      "id_str" : "2112325421026902017",
      "in_reply_to_status_id_str" : "2112197076473741319",
      "in_reply_to_user_id" : "5005",
      "in_reply_to_status_id" : "2112197076473741319",
      "in_reply_to_user_id_str" : "5005",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "2112325421026902017",
      "possibly_sensitive" : false,
      "created_at" : "Mon Oct 19 23:30:00 +0000 2026",
      "favorited" : false,
      "full_text" : "@SmokyMtnNews great piece on the Pigeon River cleanup.",
      "lang" : "en"
    }
  }
]