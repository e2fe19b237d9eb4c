window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "Pisgah High School Counseling Department: college, career and scholarship news.",
        "website" : "https://t.co/c0uNs3LrZ9",
        "location" : "Canton, NC"
      },
      "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1/avatar.jpg",
      "headerMediaUrl" : "https://pbs.twimg.com/profile_banners/1/1600000000"
    }
  }
]