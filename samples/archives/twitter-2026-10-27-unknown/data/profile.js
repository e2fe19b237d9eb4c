window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "Teacher. Runner. Coffee.",
        "website" : "",
        "location" : ""
      },
      "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1/avatar.jpg",
      "headerMediaUrl" : "https://pbs.twimg.com/profile_banners/1/1600000000"
    }
  }
]