"""In-app notifications: replies, reactions, join requests, Q&A answers; never who is anonymous."""
