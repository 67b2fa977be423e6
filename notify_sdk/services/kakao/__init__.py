"""KakaoTalk Bizmessage management endpoints: templates, sender profiles, auth messages."""
