window.YTD.profile.part0 = [
  {
    "profile" : {
      "description" : {
        "bio" : "Tuscola High School Bands: marching, concert and jazz.",
        "website" : "https://t.co/BaNd5ThSx1",
        "location" : "Waynesville, NC"
      },
      "avatarMediaUrl" : "https://pbs.twimg.com/profile_images/1/avatar.jpg",
      "headerMediaUrl" : "https://pbs.twimg.com/profile_banners/1/1600000000"
    }
  }
]