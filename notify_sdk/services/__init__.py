"""The services: one folder per NHN Cloud product (SMS, KakaoTalk, Brand Message)."""
