"""Personal controls: block, mute, unfollow, muted words, content warnings, time limits."""
