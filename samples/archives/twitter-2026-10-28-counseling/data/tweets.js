window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2099845688901107712"
          ],
          "editableUntil" : "2026-09-15T14:00:00.000Z",
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
        "91"
      ],
      "favorite_count" : "12",
      "id_str" : "2099845688901107712",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "2099845688901107712",
      "possibly_sensitive" : false,
      "created_at" : "Tue Sep 15 13:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Juniors &amp; seniors: college application workshop every Tuesday in room 114 during lunch.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2111229579415126017"
          ],
          "editableUntil" : "2026-10-16T23:55:31.000Z",
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
        "57"
      ],
      "favorite_count" : "20",
      "id_str" : "2111229579415126017",
      "truncated" : false,
      "retweet_count" : "11",
      "id" : "2111229579415126017",
      "possibly_sensitive" : false,
      "created_at" : "Fri Oct 16 22:55:31 +0000 2026",
      "favorited" : false,
      "full_text" : "Seniors: FAFSA night is Oct 22 in the media center, 6 PM.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "2112559463194296322"
          ],
          "editableUntil" : "2026-10-20T16:00:00.000Z",
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
        "107"
      ],
      "favorite_count" : "9",
      "id_str" : "2112559463194296322",
      "truncated" : false,
      "retweet_count" : "6",
      "id" : "2112559463194296322",
      "possibly_sensitive" : false,
      "created_at" : "Tue Oct 20 15:00:00 +0000 2026",
      "favorited" : false,
      "full_text" : "Scholarship of the week: the Haywood Community Foundation scholarship, due Dec 1. See Ms. Lane for details.",
      "lang" : "en"
    }
  }
]